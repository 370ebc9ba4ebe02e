package io.ansaf.http;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every response needs before any feature runs, in this order: security headers; for the API,
 * CORS ({@link Cors}: preflights answered here, before authentication and CSRF), the path rules
 * ({@link ApiPaths}), the body limit ({@link BodyLimit}), the rate limit ({@link RateLimit}); then
 * the {@link EarlyAnswer}s of the layers above (cached {@code 304}s).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpBasicsFilter extends HttpFilter {

    @Inject
    @ConfigProperty(name = "ansaf.max.body.bytes")
    long maxBodyBytes;

    @Inject Origins origins;

    @Inject RateLimit rateLimit;

    @Inject Instance<EarlyAnswer> candidates;

    /** Resolved once: looking beans up through {@code Instance} on every request costs. */
    private volatile List<EarlyAnswer> earlyAnswers;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Referrer-Policy", "same-origin");

        if ("TRACE".equals(req.getMethod())) {
            // Never echoed (cross-site tracing); the listener lets TRACE through only for this.
            res.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
            problem(res, 405, "Method Not Allowed", "TRACE is not served.");
            return;
        }
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (path.startsWith("/api/")) {
            if (Cors.preflight(req, res, origins)) return;
            Cors.decorate(req, res, origins);
            if (ApiPaths.answered(path, req, res)) return;
            if (req.getContentLengthLong() > maxBodyBytes) {
                problem(res, 413, "Content Too Large", BodyLimit.tooLarge(maxBodyBytes));
                return;
            }
            req = BodyLimit.counted(req, maxBodyBytes);
            if (rateLimit.refused(req, res)) return;
            for (EarlyAnswer early : earlyAnswers()) {
                if (early.answer(req, res)) return;
            }
        }
        chain.doFilter(req, res);
    }

    private List<EarlyAnswer> earlyAnswers() {
        List<EarlyAnswer> found = earlyAnswers;
        if (found == null) earlyAnswers = found = candidates.stream().toList();
        return found;
    }

    static void problem(HttpServletResponse res, int status, String title, String detail)
            throws IOException {
        res.setStatus(status);
        res.setContentType(Problems.MEDIA_TYPE + ";charset=UTF-8");
        byte[] body =
                Problems.body(status, title, detail, jakarta.json.JsonObject.EMPTY_JSON_OBJECT)
                        .toString()
                        .getBytes(StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}
