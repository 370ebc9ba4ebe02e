package io.ansaf.content;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The newest changes of one channel, in order and without a gap, as this instance received them.
 * Without Redis it is the channel's whole history; with Redis it is a copy of the newest part of
 * the stream, so that sockets reconnecting after a short blip catch up from memory, without a round
 * trip each. It only answers when it can tell the whole answer: a change it never saw (its number
 * skips one, another epoch, after a lost subscription) empties it first.
 */
final class EventTail {
    private final int capacity;
    private final ArrayDeque<ContentChanged> events = new ArrayDeque<>();

    /** Ids up to this one may have missed a change that was never numbered (see ChangeFeed). */
    private long horizon;

    EventTail(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(ContentChanged e, long horizon) {
        ContentChanged last = events.peekLast();
        EventId id = e.eventId();
        if (last != null
                && (!id.sameEpoch(last.eventId()) || id.seq() != last.eventId().seq() + 1)) {
            events.clear();
        }
        if (events.isEmpty()) this.horizon = 0;
        this.horizon = Math.max(this.horizon, horizon);
        if (capacity == 0) return;
        events.addLast(e);
        if (events.size() > capacity) events.removeFirst();
    }

    synchronized void clear() {
        events.clear();
        horizon = 0;
    }

    synchronized int size() {
        return events.size();
    }

    /** The newest id held, or null. */
    synchronized EventId newest() {
        ContentChanged last = events.peekLast();
        return last == null ? null : last.eventId();
    }

    /**
     * The changes after {@code since}, when this tail holds all of them; empty when it cannot tell
     * (the id is older than what it holds, of another epoch, or newer than anything it has seen).
     */
    synchronized Optional<Catchup> after(EventId since, int limit) {
        if (events.isEmpty()) return Optional.empty();
        EventId first = events.peekFirst().eventId();
        EventId last = events.peekLast().eventId();
        if (!since.sameEpoch(first)
                || since.seq() < first.seq() - 1
                || since.seq() > last.seq()
                || (horizon > 0 && since.seq() <= horizon)) return Optional.empty();
        int skip = (int) (since.seq() - first.seq() + 1);
        List<ContentChanged> found = new ArrayList<>(Math.min(limit, events.size() - skip));
        Iterator<ContentChanged> it = events.iterator();
        for (int i = 0; i < skip; i++) it.next();
        while (it.hasNext() && found.size() < limit) found.add(it.next());
        EventId upTo = found.isEmpty() ? since : found.get(found.size() - 1).eventId();
        return Optional.of(new Catchup.Events(found, upTo, it.hasNext()));
    }

    /** The newest {@code limit} changes, oldest first. */
    synchronized Catchup.Events newest(int limit) {
        List<ContentChanged> found = new ArrayList<>(Math.min(limit, events.size()));
        Iterator<ContentChanged> it = events.descendingIterator();
        while (it.hasNext() && found.size() < limit) found.add(it.next());
        Collections.reverse(found);
        return new Catchup.Events(
                found, found.isEmpty() ? null : found.get(found.size() - 1).eventId(), false);
    }
}
