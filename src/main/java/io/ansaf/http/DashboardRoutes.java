package io.ansaf.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The staff dashboard's URLs. {@code /} sends a browser to {@code /dashboard/} ({@code 302}); a
 * deep link of the single-page app ({@code /dashboard/posts/12}, {@code /dashboard/comments}) is
 * answered with the dashboard's {@code index.html}, so that a reload or a shared link opens that
 * view (its router reads the path). Files that exist ({@code /dashboard/assets/…}) are served as
 * themselves, and a missing file name (with an extension) stays a {@code 404}. Mapped after {@link
 * HttpBasicsFilter} in {@code web.xml}, so the security headers are already set.
 */
public class DashboardRoutes extends HttpFilter {
    static final String BASE = "/dashboard/";

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        boolean read = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
        if (read && (path.isEmpty() || path.equals("/"))) {
            res.setStatus(HttpServletResponse.SC_FOUND);
            res.setHeader("Location", req.getContextPath() + BASE);
            return;
        }
        if (read && isAppRoute(path) && getServletContext().getResource(path) == null) {
            res.setHeader("Cache-Control", "no-cache");
            req.getRequestDispatcher(BASE + "index.html").forward(req, res);
            return;
        }
        chain.doFilter(req, res);
    }

    /**
     * A path under the dashboard that names a view, not a file: no extension in its last segment.
     */
    static boolean isAppRoute(String path) {
        if (!path.startsWith(BASE) || path.length() == BASE.length()) return false;
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".") && !path.contains("/assets/");
    }
}
