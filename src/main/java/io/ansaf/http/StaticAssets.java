package io.ansaf.http;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's fingerprinted assets ({@code /dashboard/assets/index-<hash>.js}): their name
 * changes with their content, so they are cached for a year as {@code immutable}, and they are
 * served in the {@code .br} or {@code .gz} form the frontend build wrote next to them ({@code
 * scripts/compress-assets.mjs}, at the highest levels, which would cost too much per request), or
 * as they are. Everything else under {@code /dashboard/} ({@code index.html} above all, which names
 * the current assets) is revalidated on every use. {@link HttpBasicsFilter} asks it after the
 * security headers, so that precompressed answers carry them too.
 */
final class StaticAssets {
    static final String DASHBOARD = "/dashboard/";
    static final String PREFIX = "/dashboard/assets/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** Precompressed files by path, read once: the build fixes them, and there are a few. */
    private final ConcurrentHashMap<String, Optional<byte[]>> precompressed =
            new ConcurrentHashMap<>();

    /**
     * Sets the caching headers of a {@code /dashboard/} read, and answers it from a precompressed
     * file when there is one in an accepted coding; true when it did (the container's default
     * servlet serves the rest).
     */
    boolean answered(String path, HttpServletRequest req, HttpServletResponse res)
            throws IOException {
        String method = req.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) return false;
        if (!path.startsWith(PREFIX) || path.contains("..") || path.contains("%")) {
            res.setHeader("Cache-Control", "no-cache");
            return false;
        }
        res.setHeader("Cache-Control", IMMUTABLE);
        res.setHeader("Vary", "Accept-Encoding");
        String accepted = req.getHeader("Accept-Encoding");
        for (String coding : new String[] {"br", "gzip"}) {
            if (!coding.equals(Compression.negotiate(accepted, coding.equals("br")))) continue;
            Optional<byte[]> body =
                    file(req.getServletContext(), path + (coding.equals("br") ? ".br" : ".gz"));
            if (body.isEmpty()) continue;
            String type = req.getServletContext().getMimeType(path);
            res.setContentType(type == null ? "application/octet-stream" : type);
            res.setHeader("Content-Encoding", coding);
            res.setContentLength(body.get().length);
            if (method.equals("GET")) res.getOutputStream().write(body.get());
            return true;
        }
        return false;
    }

    private Optional<byte[]> file(ServletContext context, String path) {
        return precompressed.computeIfAbsent(
                path,
                p -> {
                    try (InputStream in = context.getResourceAsStream(p)) {
                        return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                });
    }
}
