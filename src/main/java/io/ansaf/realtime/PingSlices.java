package io.ansaf.realtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Spreads the keep-alive pings over their interval. Pinging every socket in the same instant makes
 * every client answer in the same instant: with 10,000 sockets that was 10,000 pongs at once, more
 * than the HTTP listener's task queue (4,096) takes, and the connections whose pongs were refused
 * were dropped. Sockets take the slices in turn as they open; each tick pings one slice, and every
 * slice comes round once per interval.
 */
final class PingSlices {
    static final int SLICES = 25;

    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();

    /** The slice of the socket opening now. */
    int assign() {
        return (int) (opened.getAndIncrement() % SLICES);
    }

    /** The slice whose turn it is; called once per tick. */
    int next() {
        return (int) (ticks.getAndIncrement() % SLICES);
    }

    /** The tick period that pings every socket once per {@code intervalSeconds}. */
    static long tickMillis(int intervalSeconds) {
        return Math.max(1, intervalSeconds * 1000L / SLICES);
    }
}
