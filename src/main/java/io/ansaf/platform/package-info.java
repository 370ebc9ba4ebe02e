/** Configuration, the datasource, schema migrations, health checks and start-up. */
package io.ansaf.platform;
