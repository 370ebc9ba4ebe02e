package io.ansaf.content;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a change stands in its channel's history: the epoch of the log that numbered it and its
 * number there, counted from 1 per channel. Numbers are handed out where the history is kept
 * (Redis, or this instance without it), so every instance gives a change the same id. The epoch is
 * chosen when a log starts empty (Redis flushed or restarted without its data, an instance without
 * Redis restarted): an id of another epoch cannot be caught up from.
 *
 * <p>Clients treat the id as opaque. It is written {@code <epoch>-<number>}, the number
 * zero-padded, so that within one epoch later ids also sort after earlier ones as strings.
 */
public record EventId(String epoch, long seq) implements Comparable<EventId> {
    private static final Pattern TEXT = Pattern.compile("([0-9a-z]{1,16})-([0-9]{1,18})");

    public EventId {
        if (!TEXT.matcher(epoch + "-0").matches() || seq < 0)
            throw new IllegalArgumentException("not an event id: " + epoch + "-" + seq);
    }

    /** The id a client sent back, or empty when it is not one that this server writes. */
    public static Optional<EventId> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher m = TEXT.matcher(text);
        return m.matches()
                ? Optional.of(new EventId(m.group(1), Long.parseLong(m.group(2))))
                : Optional.empty();
    }

    public boolean sameEpoch(EventId other) {
        return other != null && epoch.equals(other.epoch);
    }

    /** Later in the same epoch; an id of another epoch is neither earlier nor later. */
    public boolean after(EventId other) {
        return sameEpoch(other) && seq > other.seq;
    }

    @Override
    public int compareTo(EventId o) {
        int byEpoch = epoch.compareTo(o.epoch);
        return byEpoch != 0 ? byEpoch : Long.compare(seq, o.seq);
    }

    @Override
    public String toString() {
        return epoch + "-" + String.format("%012d", seq);
    }
}
