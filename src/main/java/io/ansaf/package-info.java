/**
 * Ansaf: a blog-and-page content backend. Packages are features: {@code blog}, {@code page}, {@code
 * auth}, {@code realtime}; {@code http} holds the cross-cutting HTTP rules (problem details,
 * validators, security headers) and {@code platform} configuration and start-up.
 */
package io.ansaf;
