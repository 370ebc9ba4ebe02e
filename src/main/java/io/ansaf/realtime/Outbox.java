package io.ansaf.realtime;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * The messages waiting for one socket. At most one is being written at a time (the WebSocket API
 * allows one outstanding asynchronous send per session); the next one starts from the completion of
 * the previous one. Writing starts on a writer thread, never on the offering thread: the
 * container's "asynchronous" send blocks while its connection is still in blocking mode and the
 * client's TCP window is full, so whoever offers a message never waits for the network. A socket
 * whose client does not keep up is given up on, never waited for: when {@code max} messages are
 * waiting, or when one write has been pending longer than the stall limit, the socket is closed
 * with 1013 (try again later) and the client is expected to reconnect and refetch.
 */
final class Outbox {
    /** What the outbox needs from the socket; the real one is the session's async remote. */
    interface Transport {
        /** Starts writing {@code text}; {@code done} is called once, with the failure or null. */
        void send(String text, java.util.function.Consumer<Throwable> done);

        void ping();

        /** Closes the socket because its client does not keep up; must not block. */
        void giveUp(String reason);
    }

    private final Transport transport;
    private final Executor writer;
    private final int max;
    private final LongSupplier clock;
    private final ArrayDeque<String> waiting = new ArrayDeque<>();
    private boolean writing;
    private long writingSince;
    private boolean closed;

    Outbox(Transport transport, Executor writer, int max, LongSupplier nanoClock) {
        this.transport = transport;
        this.writer = writer;
        this.max = max;
        this.clock = nanoClock;
    }

    /** Queues a message, or starts writing it at once if nothing is being written. */
    void offer(String text) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) return;
            if (!writing) {
                writing = true;
                writingSince = clock.getAsLong();
            } else if (waiting.size() < max) {
                waiting.add(text);
                return;
            } else {
                close();
                overflow = true;
            }
        }
        if (overflow) transport.giveUp(max + " messages waiting");
        else onWriter(() -> write(text));
    }

    /**
     * A keep-alive ping, only while nothing is being written (a message in flight keeps the
     * connection busy anyway). A write stalled for longer than {@code stallNanos} means the client
     * stopped reading: the socket is given up on.
     */
    void ping(long stallNanos) {
        boolean stalled;
        synchronized (this) {
            if (closed) return;
            stalled = writing;
            if (stalled && clock.getAsLong() - writingSince <= stallNanos) return;
            if (stalled) close();
        }
        if (stalled)
            transport.giveUp("a write stalled for more than " + stallNanos / 1_000_000_000 + " s");
        else onWriter(transport::ping);
    }

    /** Drops what is waiting; later offers are ignored. */
    synchronized void close() {
        closed = true;
        waiting.clear();
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void onWriter(Runnable task) {
        try {
            writer.execute(task);
        } catch (RejectedExecutionException e) {
            close();
            transport.giveUp("no writer thread available");
        }
    }

    private void write(String text) {
        // The completion may run on this very thread when the write finishes at once; the
        // recursion that follows is bounded by max.
        transport.send(text, this::written);
    }

    private void written(Throwable failure) {
        String next;
        synchronized (this) {
            if (failure != null) close();
            next = closed ? null : waiting.poll();
            if (next == null) {
                writing = false;
                return;
            }
            writingSince = clock.getAsLong();
        }
        write(next);
    }
}
