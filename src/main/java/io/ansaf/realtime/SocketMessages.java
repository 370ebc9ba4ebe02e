package io.ansaf.realtime;

import io.ansaf.content.ContentChanged;
import io.ansaf.content.EventId;
import io.ansaf.http.Jsonp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The text frames dashboards receive, in the contract's format. The resource view is already JSON,
 * so a message is assembled around it instead of parsing and re-writing it: one event is turned
 * into at most two strings (as is, and as "deleted"), shared by every socket.
 */
final class SocketMessages {
    private SocketMessages() {}

    /** The frame of a change as a viewer is told of it (null when it is told nothing). */
    static String as(Viewer.Sees sees, ContentChanged e) {
        return switch (sees) {
            case CHANGE -> change(e);
            case DELETION -> gone(e);
            case NOTHING -> null;
        };
    }

    /** The change as it happened. */
    static String change(ContentChanged e) {
        return message(e, e.action(), e.dataJson());
    }

    /** The change as seen by someone who could read the resource before but not after it. */
    static String gone(ContentChanged e) {
        return message(e, "deleted", null);
    }

    /**
     * Refetch what you show. {@code last} is the newest change kept when it is known (null
     * otherwise): a client that refetched may reconnect from it instead of from an id that is gone.
     */
    static String resync(Instant at, EventId last) {
        return "{\"type\":\"resync\",\"event_id\":"
                + eventId(last)
                + ",\"timestamp\":"
                + string(timestamp(at))
                + "}";
    }

    private static String message(ContentChanged e, String action, String dataJson) {
        String type = e.channel().equals("pages") ? "page_change" : "blog_change";
        return "{\"type\":"
                + string(type)
                + ",\"model\":"
                + string(e.model())
                + ",\"action\":"
                + string(action)
                + ",\"id\":"
                + string(e.id())
                + ",\"data\":"
                + (dataJson == null ? "null" : dataJson)
                + ",\"timestamp\":"
                + string(timestamp(e.timestamp()))
                + ",\"event_id\":"
                + eventId(e.eventId())
                + "}";
    }

    private static String eventId(EventId id) {
        return id == null ? "null" : string(id.toString());
    }

    /** ISO-8601 UTC with Z, to the second, like every timestamp of the API. */
    private static String timestamp(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String string(String s) {
        return Jsonp.PROVIDER.createValue(s).toString();
    }
}
