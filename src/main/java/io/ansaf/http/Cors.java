package io.ansaf.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CORS for the API (CONTRACT.md, "A front end on another origin"): the origins of {@link Origins}
 * may call it from a browser with credentials. A preflight is answered here, before authentication,
 * CSRF or routing (a preflight carries no cookie and no token); an actual response to such an
 * origin says who may read it and which headers the typed client needs ({@code ETag} above all:
 * without it, {@code If-Match} cannot work across origins). Other origins get no CORS header at
 * all, so the browser keeps the answer from their pages.
 */
final class Cors {
    static final String ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOW_HEADERS =
            "Content-Type, X-CSRFToken, If-Match, If-None-Match, If-Modified-Since, Prefer";
    static final String EXPOSE_HEADERS =
            "ETag, Last-Modified, Location, Retry-After, RateLimit-Policy, RateLimit, "
                    + "Preference-Applied, X-CSRFToken";
    static final String MAX_AGE_SECONDS = "600";

    private Cors() {}

    /** Answers a preflight from an allowed origin ({@code 204}); true when it did. */
    static boolean preflight(HttpServletRequest req, HttpServletResponse res, Origins origins) {
        if (!req.getMethod().equals("OPTIONS")
                || req.getHeader("Access-Control-Request-Method") == null) return false;
        String origin = req.getHeader("Origin");
        res.addHeader("Vary", "Origin");
        if (!origins.isCorsOrigin(origin))
            return false; // the route answers it, without CORS headers
        res.setStatus(204);
        res.setHeader("Access-Control-Allow-Origin", origin);
        res.setHeader("Access-Control-Allow-Credentials", "true");
        res.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
        res.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
        res.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
        return true;
    }

    /**
     * The CORS headers of an actual response; {@code Vary: Origin} on every one, since they depend
     * on it.
     */
    static void decorate(HttpServletRequest req, HttpServletResponse res, Origins origins) {
        res.addHeader("Vary", "Origin");
        String origin = req.getHeader("Origin");
        if (!origins.isCorsOrigin(origin)) return;
        res.setHeader("Access-Control-Allow-Origin", origin);
        res.setHeader("Access-Control-Allow-Credentials", "true");
        res.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
}
