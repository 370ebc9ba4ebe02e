/** Users, session login, CSRF protection and the permission rules content features use. */
package io.ansaf.auth;
