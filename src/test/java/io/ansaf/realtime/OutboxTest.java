package io.ansaf.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutboxTest {
    /** A socket whose writes complete only when the test says so. */
    static final class FakeSocket implements Outbox.Transport {
        final List<String> started = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();
        int pings;
        String gaveUp;

        @Override
        public void send(String text, Consumer<Throwable> done) {
            started.add(text);
            pending.add(done);
        }

        @Override
        public void ping() {
            pings++;
        }

        @Override
        public void giveUp(String reason) {
            gaveUp = reason;
        }

        void complete() {
            pending.remove(0).accept(null);
        }
    }

    final FakeSocket socket = new FakeSocket();
    final AtomicLong now = new AtomicLong();
    final Outbox outbox = new Outbox(socket, Runnable::run, 3, now::get);

    @Test
    void writesOneMessageAtATime_inOrder() {
        outbox.offer("a");
        outbox.offer("b");
        outbox.offer("c");
        assertEquals(List.of("a"), socket.started);
        assertEquals(2, outbox.waiting());
        socket.complete();
        assertEquals(List.of("a", "b"), socket.started);
        socket.complete();
        socket.complete();
        assertEquals(List.of("a", "b", "c"), socket.started);
        assertEquals(0, outbox.waiting());
        outbox.offer("d");
        assertEquals(List.of("a", "b", "c", "d"), socket.started);
    }

    @Test
    void writing_startsOnTheWriterThread_notOnTheOfferingOne() {
        List<Runnable> writer = new ArrayList<>();
        Outbox handedOff = new Outbox(socket, writer::add, 3, now::get);
        handedOff.offer("a");
        handedOff.offer("b");
        assertEquals(List.of(), socket.started, "nothing written on the offering thread");
        assertEquals(1, writer.size(), "one writer task per idle-to-busy transition");
        writer.remove(0).run();
        assertEquals(List.of("a"), socket.started);
        socket.complete();
        assertEquals(
                List.of("a", "b"), socket.started, "the next message follows from the completion");
    }

    @Test
    void writesCompletingAtOnce_drainTheQueue() {
        Outbox immediate =
                new Outbox(
                        new Outbox.Transport() {
                            @Override
                            public void send(String text, Consumer<Throwable> done) {
                                socket.started.add(text);
                                done.accept(null);
                            }

                            @Override
                            public void ping() {}

                            @Override
                            public void giveUp(String reason) {
                                socket.gaveUp = reason;
                            }
                        },
                        Runnable::run,
                        3,
                        now::get);
        for (int i = 0; i < 10; i++) immediate.offer("m" + i);
        assertEquals(10, socket.started.size());
        assertNull(socket.gaveUp);
    }

    @Test
    void overflow_givesUpOnTheSocket_andDropsWhatWaits() {
        outbox.offer("in flight");
        for (int i = 0; i < 3; i++) outbox.offer("w" + i);
        assertNull(socket.gaveUp);
        outbox.offer("one too many");
        assertTrue(socket.gaveUp.contains("3 messages waiting"), socket.gaveUp);
        assertEquals(0, outbox.waiting());
        socket.complete();
        outbox.offer("after");
        assertEquals(List.of("in flight"), socket.started, "nothing is written once given up");
    }

    @Test
    void failedWrite_closesTheOutbox() {
        outbox.offer("a");
        outbox.offer("b");
        socket.pending.remove(0).accept(new java.io.IOException("broken pipe"));
        outbox.offer("c");
        assertEquals(List.of("a"), socket.started);
    }

    @Test
    void ping_onlyWhenIdle_andAStalledWriteIsGivenUp() {
        outbox.ping(1000);
        assertEquals(1, socket.pings);
        now.set(10);
        outbox.offer("a");
        now.set(500);
        outbox.ping(1000);
        assertEquals(1, socket.pings, "no ping while a write is in flight");
        assertNull(socket.gaveUp);
        now.set(1011);
        outbox.ping(1000);
        assertTrue(socket.gaveUp.contains("stalled"), socket.gaveUp);
    }
}
