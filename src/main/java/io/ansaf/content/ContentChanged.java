package io.ansaf.content;

import io.ansaf.http.JsonbConfiguration;
import java.time.Instant;

/**
 * A committed change to a piece of content, as a fact: which model, what happened, the REST view of
 * the resource after the change (JSON, or null once deleted), and who could read it before and
 * after (so each socket gets exactly what its user could {@code GET}). Services fire it; it is
 * published only after the transaction commits, and its {@link EventId} is given to it then: the
 * {@code eventId} of a change services fire is null, that of an {@link Inbound @Inbound} one is its
 * place in the channel's history.
 */
public record ContentChanged(
        String channel,
        String model,
        String action,
        String id,
        String dataJson,
        Instant timestamp,
        Audience before,
        Audience after,
        EventId eventId) {

    public static ContentChanged of(
            ContentModel model,
            String action,
            Object id,
            Object view,
            Audience before,
            Audience after) {
        String json = view == null ? null : JsonbConfiguration.jsonb().toJson(view);
        return new ContentChanged(
                model.channel(),
                model.key(),
                action,
                String.valueOf(id),
                json,
                Instant.now(),
                before,
                after,
                null);
    }

    /** This change as numbered in its channel's history. */
    public ContentChanged numbered(EventId id) {
        return new ContentChanged(
                channel, model, action, this.id, dataJson, timestamp, before, after, id);
    }
}
