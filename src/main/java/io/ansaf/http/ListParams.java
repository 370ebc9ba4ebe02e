package io.ansaf.http;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A list request as services see it: its query parameters and its address (for the {@code
 * next}/{@code previous} links), without JAX-RS types.
 */
public record ListParams(Map<String, List<String>> query, URI requestUri) {
    public static ListParams of(UriInfo uri) {
        return new ListParams(uri.getQueryParameters(), PublicUrls.of(uri.getRequestUri()));
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public PageRequest page() {
        return PageRequest.from(this);
    }
}
