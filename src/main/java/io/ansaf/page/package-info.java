/** Static pages addressed by slug; staff manage them, everyone reads published ones. */
package io.ansaf.page;
