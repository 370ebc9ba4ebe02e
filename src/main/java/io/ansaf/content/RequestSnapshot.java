package io.ansaf.content;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The revision counters as this request found them, read once: {@link EmbeddedStateFilter} takes it
 * before the resource loads anything, and the item validators, the list ETag and the list's count
 * cache all use this one reading, so a request never reads the counters twice nor mixes two
 * readings.
 */
@RequestScoped
public class RequestSnapshot {
    @Inject EmbeddedState state;

    private EmbeddedState.Snapshot snapshot;

    public EmbeddedState.Snapshot get() {
        if (snapshot == null) snapshot = state.snapshot();
        return snapshot;
    }
}
