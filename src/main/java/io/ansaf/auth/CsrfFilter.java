package io.ansaf.auth;

import io.ansaf.http.Forwarding;
import io.ansaf.http.Origins;
import io.ansaf.http.ProblemException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Refuses every unsafe request ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) whose
 * {@code X-CSRFToken} header does not equal the session's token, before any resource runs. Login is
 * no exception: a page on another site must not be able to log a victim into its account. A request
 * whose {@code Origin} is neither the server's own nor a trusted one ({@link Origins}) is refused
 * first, even with a valid token.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class CsrfFilter implements ContainerRequestFilter {
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Context HttpServletRequest request;

    @Inject Origins origins;

    @Override
    public void filter(ContainerRequestContext context) {
        if (!UNSAFE.contains(context.getMethod())) return;
        // As Django's trusted origins: a browser page of another origin may not write, token or
        // not.
        String origin = context.getHeaderString("Origin");
        if (!origins.isTrusted(origin, Forwarding.ownOrigin(request))) {
            throw ProblemException.forbidden(
                    "CSRF Failed: Origin checking failed - "
                            + origin
                            + " does not match any trusted origins.");
        }
        if (!Csrf.matches(request)) {
            boolean hasHeader = context.getHeaderString(Csrf.HEADER) != null;
            throw ProblemException.forbidden(
                    hasHeader
                            ? "CSRF Failed: CSRF token incorrect."
                            : "CSRF Failed: CSRF token missing. Fetch one from /api/v1/auth/csrf/ and send it as X-CSRFToken.");
        }
    }
}
