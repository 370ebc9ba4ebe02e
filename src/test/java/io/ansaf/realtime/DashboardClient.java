package io.ansaf.realtime;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ansaf.it.Api;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A dashboard as the tests see it: a {@code java.net.http} WebSocket on one channel, optionally
 * with the session cookie of an {@link Api}, that records every message it receives (with the time
 * it arrived) for the test to wait on.
 */
final class DashboardClient implements WebSocket.Listener, AutoCloseable {
    record Received(JsonObject json, long nanos) {}

    private final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    volatile Integer closeCode;

    private DashboardClient(URI uri, Api session, String origin) {
        WebSocket.Builder b =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(10));
        if (session != null)
            b.header("Cookie", "JSESSIONID=" + session.cookie("JSESSIONID").orElseThrow());
        if (origin != null) b.header("Origin", origin);
        this.socket = b.buildAsync(uri, this).orTimeout(20, TimeUnit.SECONDS).join();
        // The container may run the server's onOpen (which registers the socket for delivery)
        // after it has sent the handshake response; it answers a ping only once the connection is
        // open on its side, so a pong means the next change will reach this socket.
        socket.sendPing(java.nio.ByteBuffer.wrap(new byte[] {1}))
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        try {
            if (!ponged.await(10, TimeUnit.SECONDS))
                throw new AssertionError("no pong from " + uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private final java.util.concurrent.CountDownLatch ponged =
            new java.util.concurrent.CountDownLatch(1);

    /**
     * When the server's pings arrived ({@link System#nanoTime()}); the client answers each with a
     * pong.
     */
    final List<Long> pings = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
        pings.add(System.nanoTime());
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, java.nio.ByteBuffer message) {
        ponged.countDown();
        return null;
    }

    static URI uri(URI base, String path) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
    }

    /** An anonymous socket (no cookie) on {@code path} of the server at {@code base}. */
    static DashboardClient open(URI base, String path) {
        return new DashboardClient(uri(base, path), null, null);
    }

    /** A socket that carries the session cookie of {@code session}. */
    static DashboardClient open(Api session, String path) {
        return new DashboardClient(uri(session.base(), path), session, null);
    }

    static DashboardClient open(URI base, String path, String origin) {
        return new DashboardClient(uri(base, path), null, origin);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(
                    new Received(
                            Json.createReader(new StringReader(partial.toString())).readObject(),
                            System.nanoTime()));
            partial.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return null;
    }

    /**
     * The next message for which {@code wanted} holds, skipping others (changes made by other
     * tests).
     */
    Received next(Predicate<JsonObject> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Received r = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (r == null) return fail("no matching message within " + timeout);
                if (wanted.test(r.json())) return r;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next message for which {@code wanted} holds, or null if the server closes the socket
     * first (what was received before the close is still returned).
     */
    JsonObject nextOrClosed(Predicate<JsonObject> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Received r = messages.poll(100, TimeUnit.MILLISECONDS);
                if (r != null && wanted.test(r.json())) return r.json();
                if (r == null && closeCode != null) return null;
            }
            return fail("neither a matching message nor a close within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonObject next(String model, Object id) {
        return next(about(model, id), Duration.ofSeconds(10)).json();
    }

    /** Every message for which {@code wanted} holds that arrives within {@code window}. */
    List<JsonObject> all(Predicate<JsonObject> wanted, Duration window) {
        List<JsonObject> found = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        try {
            Received r;
            while ((r =
                            messages.poll(
                                    Math.max(0, deadline - System.nanoTime()),
                                    TimeUnit.NANOSECONDS))
                    != null) {
                if (wanted.test(r.json())) found.add(r.json());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return found;
    }

    static Predicate<JsonObject> about(String model, Object id) {
        String text = String.valueOf(id);
        return m ->
                model.equals(m.getString("model", null)) && text.equals(m.getString("id", null));
    }

    static Predicate<JsonObject> resync() {
        return m -> "resync".equals(m.getString("type", null));
    }

    void assertOpen() {
        assertTrue(closeCode == null && !socket.isInputClosed(), "socket closed with " + closeCode);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
