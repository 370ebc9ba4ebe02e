package io.ansaf.http;

import java.time.Instant;

/**
 * A single-resource view that carries its validators: {@link ValidatorsFilter} turns any response
 * entity implementing this into {@code ETag} (from model, id and version) and {@code Last-Modified}
 * (from {@code updated_at}), and answers conditional GETs with 304 before serializing anything.
 */
public interface Versioned {
    Long id();

    int version();

    Instant updatedAt();

    /** The model name that prefixes the tag ({@code post}, {@code page}, ...). */
    String model();

    default String etag() {
        return tagOf(model(), id(), version());
    }

    static String tagOf(String model, Object id, long version) {
        return EntityTags.strong(model + "-" + id + "-v" + version);
    }
}
