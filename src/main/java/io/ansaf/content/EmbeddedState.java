package io.ansaf.content;

import java.time.Instant;
import java.util.Collection;

/**
 * Where the validators of a single item learn about everything else its representation shows: the
 * revision counters of the models it embeds (a post shows its author, its category and its comment
 * count). The database's counters implement it ({@code content.ModelCounters}); this layer only
 * needs a digest and the time of the last change.
 */
public interface EmbeddedState {
    /** All counters as they are now, from one read. */
    Snapshot snapshot();

    /** The counters at one moment. */
    interface Snapshot {
        /**
         * The state of {@code models}: a digest that changes whenever any of them changes, and when
         * the last change was.
         */
        State of(Collection<ContentModel.Counter> models);
    }

    record State(String digest, Instant changedAt) {}
}
