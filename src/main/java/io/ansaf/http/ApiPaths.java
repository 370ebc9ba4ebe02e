package io.ansaf.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The shape of API paths: everything lives under {@code /api/v1/} (or is the Swagger UI under
 * {@code /api/docs/}), and every API path ends with a slash, as in Django REST Framework: a path
 * without one is redirected with {@code 308}, unless its last segment is a file name (no route has
 * a dot), which is {@code 404} rather than a redirect to nothing.
 */
final class ApiPaths {
    private ApiPaths() {}

    /** True when {@code path} (under {@code /api/}) was answered here. */
    static boolean answered(String path, HttpServletRequest req, HttpServletResponse res)
            throws IOException {
        if (!path.startsWith("/api/v1/")
                && !path.equals("/api/docs")
                && !path.startsWith("/api/docs/")) {
            Problems.write(
                    res, 404, "Not Found", "No API at " + path + "; the API lives under /api/v1/.");
            return true;
        }
        // Static files under /api/docs/ (Swagger UI: swagger-ui.css, ...) keep their names.
        if (path.endsWith("/") || !path.startsWith("/api/v1/")) return false;
        if (path.substring(path.lastIndexOf('/')).indexOf('.') >= 0) {
            Problems.write(res, 404, "Not Found", "Not found.");
            return true;
        }
        String query = req.getQueryString();
        res.setStatus(308);
        res.setHeader("Location", req.getRequestURI() + "/" + (query == null ? "" : "?" + query));
        return true;
    }
}
