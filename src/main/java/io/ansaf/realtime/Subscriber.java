package io.ansaf.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open dashboard socket: its channel, who is behind it, and its {@link Outbox}. Writes go
 * through the session's asynchronous remote on a writer thread, so delivering to a socket costs
 * a queue operation on the delivering thread, whatever the client's network does.
 */
final class Subscriber implements Outbox.Transport {
    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());
    private static final ByteBuffer NO_PAYLOAD = ByteBuffer.allocate(0);

    private final String channel;
    private final Session session;
    private final Viewer viewer;
    private final Executor closer;
    private final Outbox outbox;

    Subscriber(String channel, Session session, Viewer viewer, int maxQueued, Executor writer, Executor closer) {
        this.channel = channel;
        this.session = session;
        this.viewer = viewer;
        this.closer = closer;
        this.outbox = new Outbox(this, writer, maxQueued, System::nanoTime);
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

    @Override
    public void send(String text, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException closedMeanwhile) {
            done.accept(closedMeanwhile);
        }
    }

    @Override
    public void ping() {
        try {
            session.getAsyncRemote().sendPing(NO_PAYLOAD.duplicate());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Ping failed; the socket is closing", e);
        }
    }

    @Override
    public void giveUp(String reason) {
        LOG.info(() -> "Closing a slow " + channel + " socket: " + reason);
        // Off the delivering thread: closing writes a frame to the very connection that is stuck.
        closer.execute(() -> close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "Too slow; reconnect and refetch")));
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
