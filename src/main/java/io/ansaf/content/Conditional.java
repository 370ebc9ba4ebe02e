package io.ansaf.content;

import io.ansaf.http.EntityTags;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Conditional GETs decided before anything is loaded: the list ETag (a digest of what the list
 * depends on; see {@link Lists}) and a single item's 304 from its validators alone.
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

    /**
     * A 304 for one resource when its validators match ({@link EntityTags#matches}), decided from
     * the validators alone, before the resource is loaded or serialized.
     */
    public static Optional<Response> notModified(HttpHeaders headers, ItemValidators v) {
        if (!EntityTags.matches(
                headers.getHeaderString("If-None-Match"),
                headers.getHeaderString("If-Modified-Since"),
                v.etag(),
                v.lastModified())) {
            return Optional.empty();
        }
        return Optional.of(
                Response.notModified()
                        .header("ETag", v.etag())
                        .header("Last-Modified", EntityTags.httpDate(v.lastModified()))
                        .build());
    }

    /** Marks the current response as the same for every anonymous client. */
    public static void markPublic(jakarta.servlet.http.HttpServletRequest request) {
        // Jersey's request properties are the servlet request's attributes.
        request.setAttribute(ValidatorsFilter.PUBLIC_PROPERTY, Boolean.TRUE);
    }
}
