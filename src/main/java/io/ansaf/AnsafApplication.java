package io.ansaf;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The versioned REST API of Ansaf, served under {@code /api/v1}.
 *
 * <p>The datasource is declared here and built by {@link io.ansaf.platform.AnsafDataSource}, which
 * reads {@code ANSAF_DB_URL} (and friends) at start-up: the embedded H2 database by default,
 * PostgreSQL when configured, without rebuilding the WAR.
 */
@ApplicationPath("/api/v1")
@DataSourceDefinition(
        name = "java:app/jdbc/ansaf",
        className = "io.ansaf.platform.AnsafDataSource",
        minPoolSize = 2,
        initialPoolSize = 2,
        maxPoolSize = 40,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=meta-data",
            "fish.payara.fail-all-connections=true"
        })
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Ansaf API",
                        version = "1",
                        description =
                                "Blog and page content backend. JSON in snake_case, DRF-style pagination, "
                                        + "RFC 9457 problem details, ETag/If-Match optimistic locking."),
        tags = {
            @Tag(
                    name = "auth",
                    description = "Session login, CSRF token and staff user management"),
            @Tag(name = "posts", description = "Blog posts"),
            @Tag(name = "categories", description = "Blog categories"),
            @Tag(name = "comments", description = "Comments on posts"),
            @Tag(name = "pages", description = "Static pages, addressed by slug"),
            @Tag(
                    name = "changes",
                    description =
                            "The change feed for clients that poll (sockets: /ws/v1/blogs/ and /ws/v1/pages/, with ?since=)")
        })
@SecurityScheme(
        securitySchemeName = "csrf",
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-CSRFToken",
        description =
                "The CSRF token, from GET /api/v1/auth/csrf/ (and the X-CSRFToken header of login "
                        + "and logout responses). Needed on every POST, PUT, PATCH and DELETE, login included.")
@SecurityScheme(
        securitySchemeName = "csrfCookie",
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.COOKIE,
        apiKeyName = "csrftoken",
        description =
                "The CSRF cookie set by GET /api/v1/auth/csrf/. Before login there is no session: the "
                        + "X-CSRFToken header must then stand for the secret in this cookie (a double submit).")
@SecurityScheme(
        securitySchemeName = "session",
        type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.COOKIE,
        apiKeyName = "JSESSIONID",
        description =
                "Session cookie set by POST /api/v1/auth/login/. Unsafe methods also need the X-CSRFToken header.")
public class AnsafApplication extends Application {}
