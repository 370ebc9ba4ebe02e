package io.ansaf.http;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every response needs before any feature runs: security headers, CORS for the API
 * ({@link Cors}: preflights answered here, before authentication and CSRF), the request body limit
 * ({@code 413} past {@code ANSAF_MAX_BODY_BYTES}), the trailing-slash rule for the API
 * ({@code 308} to the slashed path, under {@code /api/v1/} only) and
 * problem+json for API paths outside {@code /api/v1/} and the Swagger UI at {@code /api/docs/};
 * then anonymous conditional GETs that {@link CachedValidators} can answer {@code 304} at once.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpBasicsFilter extends HttpFilter {

    @Inject
    @ConfigProperty(name = "ansaf.max.body.bytes", defaultValue = "10485760")
    long maxBodyBytes;

    @Inject
    CachedValidators cachedValidators;

    @Inject
    Origins origins;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Referrer-Policy", "same-origin");

        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (path.startsWith("/api/")) {
            if (Cors.preflight(req, res, origins)) return;
            Cors.decorate(req, res, origins);
            if (!path.startsWith("/api/v1/") && !path.equals("/api/docs") && !path.startsWith("/api/docs/")) {
                problem(res, 404, "Not Found", "No API at " + path + "; the API lives under /api/v1/.");
                return;
            }
            // Static files under /api/docs/ (Swagger UI: swagger-ui.css, ...) keep their names.
            if (!path.endsWith("/") && path.startsWith("/api/v1/") && path.substring(path.lastIndexOf('/')).indexOf('.') >= 0) {
                // A file name (application.wadl, ...): no route has a dot, so no redirect to one.
                problem(res, 404, "Not Found", "Not found.");
                return;
            }
            if (!path.endsWith("/") && path.startsWith("/api/v1/")) {
                String query = req.getQueryString();
                res.setStatus(308);
                res.setHeader("Location", req.getRequestURI() + "/" + (query == null ? "" : "?" + query));
                return;
            }
            long declared = req.getContentLengthLong();
            if (declared > maxBodyBytes) {
                problem(res, 413, "Content Too Large", tooLarge());
                return;
            }
            if (declared < 0 && req.getHeader("Transfer-Encoding") != null) {
                req = new LimitedBodyRequest(req, maxBodyBytes);
            }
            if (cachedValidators.answer(req, res)) return;
        }
        chain.doFilter(req, res);
    }

    private String tooLarge() {
        return "The request body exceeds the limit of " + maxBodyBytes + " bytes.";
    }

    static void problem(HttpServletResponse res, int status, String title, String detail) throws IOException {
        res.setStatus(status);
        res.setContentType(Problems.MEDIA_TYPE + ";charset=UTF-8");
        byte[] body = Problems.body(status, title, detail, jakarta.json.JsonObject.EMPTY_JSON_OBJECT)
                .toString().getBytes(StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    /** Thrown while a chunked body is read past the limit; answered 413 by the exception mappers. */
    public static class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("The request body exceeds the limit of " + limit + " bytes.");
        }
    }

    /** Counts the bytes of a body without Content-Length and stops at the limit. */
    static final class LimitedBodyRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    long count;

                    private int counted(int n) throws IOException {
                        if (n > 0 && (count += n) > limit) throw new BodyTooLargeException(limit);
                        return n;
                    }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) counted(1);
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return counted(in.read(b, off, len));
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
