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
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every response needs before any feature runs, in this order: security headers; for the API,
 * CORS ({@link Cors}: preflights answered here, before authentication and CSRF), the path rules
 * ({@link ApiPaths}), the body limit ({@link BodyLimit}), the rate limit ({@link RateLimit}); then
 * the {@link EarlyAnswer}s of the layers above (cached {@code 304}s). The dashboard's files get
 * their caching headers, and precompressed forms, from {@link StaticAssets}. Every response but a
 * preflight, a WebSocket upgrade and the precompressed dashboard assets ({@link StaticAssets}) goes
 * through {@link Compression}, early answers included, so their validators get the same coded form.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpBasicsFilter extends HttpFilter {

    @Inject
    @ConfigProperty(name = "ansaf.max.body.bytes")
    long maxBodyBytes;

    @Inject Origins origins;

    @Inject RateLimit rateLimit;

    @Inject Instance<EarlyAnswer> candidates;

    private final StaticAssets assets = new StaticAssets();

    /** Resolved once: looking beans up through {@code Instance} on every request costs. */
    private volatile List<EarlyAnswer> earlyAnswers;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Referrer-Policy", "same-origin");
        String path = req.getRequestURI().substring(req.getContextPath().length());
        res.setHeader("Content-Security-Policy", SecurityPolicy.of(path));

        if ("TRACE".equals(req.getMethod())) {
            // Never echoed (cross-site tracing); the listener lets TRACE through only for this.
            res.setHeader("Allow", Problems.KNOWN_METHODS);
            Problems.write(res, 405, "Method Not Allowed", "TRACE is not served.");
            return;
        }
        if (path.startsWith(StaticAssets.DASHBOARD) && assets.answered(path, req, res)) return;
        boolean api = path.startsWith("/api/");
        if (api && Cors.preflight(req, res, origins)) return;
        // Precompressed assets are answered by StaticAssets; sockets are not HTTP bodies.
        boolean coding = !path.startsWith(StaticAssets.PREFIX) && Compression.applies(req);
        Compression.Coded coded = coding ? Compression.wrap(req, res) : null;
        HttpServletResponse out = coding ? coded : res;
        try {
            HttpServletRequest next = api ? apiRules(path, req, out) : req;
            if (next != null) chain.doFilter(next, out);
        } finally {
            if (coding) coded.finish();
        }
    }

    /**
     * The API's own rules before JAX-RS: the request to hand on (its body counted), or null when
     * one of them answered.
     */
    private HttpServletRequest apiRules(
            String path, HttpServletRequest req, HttpServletResponse res) throws IOException {
        Cors.decorate(req, res, origins);
        if (ApiPaths.answered(path, req, res)) return null;
        if (req.getContentLengthLong() > maxBodyBytes) {
            Problems.write(res, 413, "Content Too Large", BodyLimit.tooLarge(maxBodyBytes));
            return null;
        }
        HttpServletRequest counted = BodyLimit.counted(req, maxBodyBytes);
        if (rateLimit.refused(counted, res)) return null;
        for (EarlyAnswer early : earlyAnswers()) {
            if (early.answer(counted, res)) return null;
        }
        return counted;
    }

    private List<EarlyAnswer> earlyAnswers() {
        List<EarlyAnswer> found = earlyAnswers;
        if (found == null) earlyAnswers = found = candidates.stream().toList();
        return found;
    }
}
