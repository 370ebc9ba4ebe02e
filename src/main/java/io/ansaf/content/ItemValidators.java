package io.ansaf.content;

import java.time.Instant;
import java.util.Set;

/**
 * The one rule for a single item's validators (CONTRACT.md, "Optimistic locking and caching"): the
 * {@code ETag} is the item's model, id and own version, plus a digest of everything else the
 * representation shows ({@code "post-1-v3.5f2a0c91d4"}); {@code Last-Modified} is the latest change
 * of all of that. The registry declares what each model shows ({@link ContentModel#shows()}), so a
 * new model gets correct validators by declaring it. The version stays readable from the tag:
 * {@code If-Match} is judged on it alone, so a category rename never makes a save conflict.
 */
public record ItemValidators(String etag, Instant lastModified) {

    public static ItemValidators of(
            ContentModel model,
            Object id,
            long version,
            Instant updatedAt,
            EmbeddedState.Snapshot counters) {
        Set<ContentModel.Counter> shows = model.shows();
        if (shows.isEmpty())
            return new ItemValidators(Versioned.tagOf(model, id, version), updatedAt);
        EmbeddedState.State embedded = counters.of(shows);
        Instant last =
                updatedAt == null
                                || (embedded.changedAt() != null
                                        && embedded.changedAt().isAfter(updatedAt))
                        ? embedded.changedAt()
                        : updatedAt;
        return new ItemValidators(Versioned.tagOf(model, id, version, embedded.digest()), last);
    }

    public static ItemValidators of(Versioned v, EmbeddedState.Snapshot counters) {
        return of(v.model(), v.id(), v.version(), v.updatedAt(), counters);
    }
}
