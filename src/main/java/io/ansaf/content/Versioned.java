package io.ansaf.content;

import io.ansaf.http.EntityTags;
import java.time.Instant;

/**
 * A single-resource view that carries its validators: {@link ValidatorsFilter} turns any response
 * entity implementing this into {@code ETag} and {@code Last-Modified} by the rule of {@link
 * ItemValidators} (its own version and {@code updated_at}, and what its model shows: {@link
 * ContentModel#shows()}), and answers conditional GETs with 304 before serializing anything.
 */
public interface Versioned {
    Long id();

    int version();

    Instant updatedAt();

    /** The model, whose name prefixes the tag ({@code post}, {@code page}, ...). */
    ContentModel model();

    /** The tag of the item's own version alone: what If-Match is judged on. */
    static String tagOf(ContentModel model, Object id, long version) {
        return EntityTags.strong(own(model, id, version));
    }

    /**
     * The tag with the digest of what the item embeds after a dot (see {@link EntityTags#ownPart}).
     */
    static String tagOf(ContentModel model, Object id, long version, String embeddedDigest) {
        return EntityTags.strong(own(model, id, version) + "." + embeddedDigest);
    }

    private static String own(ContentModel model, Object id, long version) {
        return model.key() + "-" + id + "-v" + version;
    }
}
