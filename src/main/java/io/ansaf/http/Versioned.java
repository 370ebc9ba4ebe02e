package io.ansaf.http;

import java.time.Instant;
import java.util.List;

/**
 * A single-resource view that carries its validators: {@link ValidatorsFilter} turns any response
 * entity implementing this into {@code ETag} and {@code Last-Modified} by the rule of
 * {@link ItemValidators} (its own version and {@code updated_at}, and what it {@link #shows()}),
 * and answers conditional GETs with 304 before serializing anything.
 */
public interface Versioned {
    Long id();

    int version();

    Instant updatedAt();

    /** The model name that prefixes the tag ({@code post}, {@code page}, ...). */
    String model();

    /**
     * The revision counters of what else this representation shows (rows it embeds, counts it
     * carries): its validators move whenever one of them does (see {@link ItemValidators}).
     * {@code view_count} is never part of it, so that reads stay cheap.
     */
    default List<String> shows() {
        return List.of();
    }

    /** The tag of the item's own version alone: what If-Match is judged on. */
    static String tagOf(String model, Object id, long version) {
        return EntityTags.strong(own(model, id, version));
    }

    /** The tag with the digest of what the item embeds after a dot (see {@link EntityTags#ownPart}). */
    static String tagOf(String model, Object id, long version, String embeddedDigest) {
        return EntityTags.strong(own(model, id, version) + "." + embeddedDigest);
    }

    private static String own(String model, Object id, long version) {
        return model + "-" + id + "-v" + version;
    }
}
