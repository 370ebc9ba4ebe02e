package io.ansaf.content;

import io.ansaf.http.EntityTags;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;

/**
 * HTTP caching for every API response: {@code ETag} and {@code Last-Modified} from {@link
 * Versioned} entities, {@code Cache-Control} by audience ({@code private, no-cache} when the answer
 * depends on who asks, {@code public, max-age=0, must-revalidate} for anonymous readers), {@code
 * Vary: Cookie}, and {@code 304} for a {@code GET}/{@code HEAD} whose {@code If-None-Match} (or,
 * without it, {@code If-Modified-Since}) matches: the entity is dropped here, before it is ever
 * serialized.
 */
@Provider
public class ValidatorsFilter implements ContainerResponseFilter {
    /** Set by resources on responses that any anonymous client would get identically. */
    public static final String PUBLIC_PROPERTY = "ansaf.public";

    static final String PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate";

    /**
     * What every read's answer depends on besides the URL: who asks, and from which page (CORS).
     */
    static final String VARY = "Cookie, Origin";

    @Inject CachedValidators cache;

    @Inject RequestSnapshot snapshot;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        Instant lastModified = null;
        if (response.getEntity() instanceof Versioned v) {
            ItemValidators validators = ItemValidators.of(v, snapshot.get());
            headers.putSingle("ETag", validators.etag());
            if (validators.lastModified() != null) {
                lastModified = validators.lastModified();
                headers.putSingle("Last-Modified", EntityTags.httpDate(lastModified));
            }
        }
        String method = request.getMethod();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (!read) return;
        // One line naming both: Jersey replaces the Vary: Origin that Cors put on the servlet
        // response.
        headers.putSingle("Vary", VARY);
        boolean everyone = Boolean.TRUE.equals(request.getProperty(PUBLIC_PROPERTY));
        if (!headers.containsKey("Cache-Control")) {
            headers.putSingle(
                    "Cache-Control", everyone ? PUBLIC_CACHE_CONTROL : "private, no-cache");
        }
        Object etag = headers.getFirst("ETag");
        if (everyone && etag != null)
            rememberSingle(request, response, etag.toString(), lastModified);
        if (response.getStatus() != 200 || etag == null) return;
        if (EntityTags.matches(
                request.getHeaderString("If-None-Match"),
                request.getHeaderString("If-Modified-Since"),
                etag.toString(),
                lastModified)) {
            response.setStatus(304);
            response.setEntity(null);
            headers.remove("Content-Type");
        }
    }

    /**
     * A single resource's validators (it has Last-Modified; lists do not) go to the cache for later
     * conditional GETs: from the entity of a 200, or from the headers of a 304 that a resource
     * decided from its validators alone.
     */
    private void rememberSingle(
            ContainerRequestContext request,
            ContainerResponseContext response,
            String etag,
            Instant lastModified) {
        if (response.getStatus() == 304 && lastModified == null) {
            Object header = response.getHeaders().getFirst("Last-Modified");
            lastModified =
                    header == null
                            ? null
                            : EntityTags.parseHttpDate(header.toString()).orElse(null);
        }
        if (response.getStatus() == 200 || response.getStatus() == 304)
            cache.remember(request, etag, lastModified);
    }
}
