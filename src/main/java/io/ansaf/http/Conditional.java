package io.ansaf.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Conditional GET for lists, decided before the list query runs: the list ETag is a digest of
 * what the list depends on (the revision counters of its models, who is asking, and the query
 * string), so a matching {@code If-None-Match} answers 304 with no list query at all.
 */
public final class Conditional {
    private Conditional() {}

    public static String listTag(String... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                d.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return EntityTags.strong("l-" + HexFormat.of().formatHex(d.digest(), 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 304 when the client already holds {@code etag}; empty when the list must be built. */
    public static Optional<Response> notModified(HttpHeaders headers, String etag) {
        String inm = headers.getHeaderString("If-None-Match");
        if (inm != null && EntityTags.notModified(inm, etag)) {
            return Optional.of(Response.notModified().tag(javax(etag)).build());
        }
        return Optional.empty();
    }

    /**
     * A 304 for one resource when its validators match, by RFC 9110's rules: If-None-Match
     * (weak comparison) decides when present, else If-Modified-Since. Decided from the validators
     * alone, before the resource is loaded or serialized.
     */
    public static Optional<Response> notModified(HttpHeaders headers, String etag, java.time.Instant lastModified) {
        String inm = headers.getHeaderString("If-None-Match");
        boolean match = inm != null ? EntityTags.notModified(inm, etag)
                : EntityTags.notModifiedSince(headers.getHeaderString("If-Modified-Since"), lastModified);
        if (!match) return Optional.empty();
        return Optional.of(Response.notModified().tag(javax(etag))
                .header("Last-Modified", EntityTags.httpDate(lastModified)).build());
    }

    private static jakarta.ws.rs.core.EntityTag javax(String quoted) {
        return new jakarta.ws.rs.core.EntityTag(quoted.substring(1, quoted.length() - 1));
    }

    /** Marks the current response as the same for every anonymous client. */
    public static void markPublic(jakarta.servlet.http.HttpServletRequest request) {
        // Jersey's request properties are the servlet request's attributes.
        request.setAttribute(ValidatorsFilter.PUBLIC_PROPERTY, Boolean.TRUE);
    }
}
