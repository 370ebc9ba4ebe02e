package io.ansaf.realtime;

import io.ansaf.content.ContentChanged;
import io.ansaf.content.EventId;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open dashboard socket: its channel, who is behind it, and its {@link Outbox}. Writes go
 * through the session's asynchronous remote on a writer thread, so delivering to a socket costs a
 * queue operation on the delivering thread, whatever the client's network does.
 */
final class Subscriber implements Outbox.Transport {
    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());
    private static final ByteBuffer NO_PAYLOAD = ByteBuffer.allocate(0);
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final String client;
    private final String channel;
    private final Session session;
    private final Viewer viewer;
    private final Executor closer;
    private final Outbox outbox;
    private final int pingSlice;

    /**
     * Live changes that arrived while the socket was catching up, to be sent after the replay; null
     * once it is live. Guarded by this.
     */
    private List<ContentChanged> held;

    private volatile boolean catchingUp;

    /** More live changes than this arriving during one catch-up, and the socket is resynced. */
    static final int MAX_HELD = 10_000;

    Subscriber(
            String client,
            String channel,
            Session session,
            Viewer viewer,
            int maxQueued,
            Executor writer,
            Executor closer,
            int pingSlice) {
        this.client = client;
        this.channel = channel;
        this.pingSlice = pingSlice;
        this.session = session;
        this.viewer = viewer;
        this.closer = closer;
        this.outbox = new Outbox(this, writer, maxQueued, System::nanoTime);
    }

    /** Who opened it (user or address), or null when the handshake did not say. */
    String client() {
        return client;
    }

    String channel() {
        return channel;
    }

    Viewer viewer() {
        return viewer;
    }

    Outbox outbox() {
        return outbox;
    }

    int pingSlice() {
        return pingSlice;
    }

    /** From now until {@link #goLive}, live changes are held back. Called before it is listed. */
    synchronized void holdLive() {
        held = new ArrayList<>();
        catchingUp = true;
    }

    /** Holds the change back if the socket is catching up; false when it is live. */
    boolean held(ContentChanged e) {
        if (!catchingUp) return false;
        synchronized (this) {
            if (held == null) return false;
            if (held.size() < MAX_HELD) held.add(e);
            return true;
        }
    }

    /**
     * Ends the catch-up: sends the held changes that come after {@code replayedUpTo} (all of them
     * when it is null), then lets live changes through. Under the same lock as {@link #held}, so no
     * live change slips in between or before the held ones.
     */
    synchronized void goLive(EventId replayedUpTo, Consumer<ContentChanged> send) {
        List<ContentChanged> waiting = held;
        held = null;
        catchingUp = false;
        if (waiting == null) return;
        if (waiting.size() >= MAX_HELD) {
            outbox.offer(SocketMessages.resync(java.time.Instant.now(), null));
            return;
        }
        for (ContentChanged e : waiting) {
            if (replayedUpTo == null
                    || e.eventId().after(replayedUpTo)
                    || !e.eventId().sameEpoch(replayedUpTo)) send.accept(e);
        }
    }

    @Override
    public void send(String text, Consumer<Throwable> done) {
        try {
            outsideTheApplication(
                    () ->
                            session.getAsyncRemote()
                                    .sendText(
                                            text,
                                            result ->
                                                    done.accept(
                                                            result.isOK()
                                                                    ? null
                                                                    : result.getException())));
        } catch (RuntimeException closedMeanwhile) {
            done.accept(closedMeanwhile);
        }
    }

    @Override
    public void ping() {
        try {
            outsideTheApplication(
                    () -> {
                        try {
                            session.getAsyncRemote().sendPing(NO_PAYLOAD.duplicate());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Ping failed; the socket is closing", e);
        }
    }

    /**
     * Runs a send with the platform class loader as the thread's context class loader. Every send
     * makes Tyrus schedule its idle-timeout check on Payara's managed scheduled executor (even with
     * no idle timeout), and every scheduling there looks up thread context providers with a
     * ServiceLoader over the context class loader: over the application's, that is a scan of every
     * jar of Payara and of the WAR, and it was 70% of the CPU a fan-out took. Over the platform
     * class loader it finds nothing, quickly, which is also what it finds over the application's.
     * The send itself loads nothing through the context class loader.
     */
    static void outsideTheApplication(Runnable send) {
        Thread thread = Thread.currentThread();
        ClassLoader application = thread.getContextClassLoader();
        thread.setContextClassLoader(PLATFORM);
        try {
            send.run();
        } finally {
            thread.setContextClassLoader(application);
        }
    }

    @Override
    public void giveUp(String reason) {
        LOG.info(() -> "Closing a slow " + channel + " socket: " + reason);
        // Off the delivering thread: closing writes a frame to the very connection that is stuck.
        closer.execute(
                () ->
                        close(
                                new CloseReason(
                                        CloseReason.CloseCodes.TRY_AGAIN_LATER,
                                        "Too slow; reconnect and refetch")));
    }

    void close(CloseReason reason) {
        outbox.close();
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Socket already closed", e);
        }
    }
}
