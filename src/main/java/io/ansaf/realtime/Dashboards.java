package io.ansaf.realtime;

import io.ansaf.content.ContentChanged;
import io.ansaf.content.Inbound;
import io.ansaf.content.Resync;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dashboard sockets open on this instance, by channel, and delivery to them. Each inbound
 * change becomes at most two message strings, built once; each socket is sent the one its viewer
 * may see (or none) through its own bounded outbox, so one slow client never holds up the others.
 * Delivery reads only the HTTP session, never the database: it runs on the thread that fired the
 * event (a request thread after commit, or Redis's I/O thread), and must stay cheap; the writes
 * themselves run on a small pool of writer threads.
 */
@ApplicationScoped
public class Dashboards {
    static final Set<String> CHANNELS = Set.of("blogs", "pages");

    /**
     * A write to a client that stopped reading can hold its thread until the container's write
     * timeout; this many writers keep the other sockets going meanwhile.
     */
    static final int WRITER_THREADS = 16;

    private final Map<String, Set<Subscriber>> byChannel =
            Map.of("blogs", ConcurrentHashMap.newKeySet(), "pages", ConcurrentHashMap.newKeySet());

    @Resource ManagedScheduledExecutorService scheduler;

    @Resource ManagedExecutorService closer;

    @Resource ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "ansaf.ws.ping-seconds")
    int pingSeconds;

    @Inject
    @ConfigProperty(name = "ansaf.ws.max-queued")
    int maxQueued;

    private final PingSlices pingSlices = new PingSlices();
    private ScheduledFuture<?> pings;
    private ExecutorService writers;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        writers = Executors.newFixedThreadPool(WRITER_THREADS, threads);
        long tick = PingSlices.tickMillis(pingSeconds);
        pings = scheduler.scheduleAtFixedRate(this::pingSlice, tick, tick, TimeUnit.MILLISECONDS);
    }

    Subscriber open(String channel, Session session, Viewer viewer) {
        Subscriber s =
                new Subscriber(
                        channel, session, viewer, maxQueued, writers, closer, pingSlices.assign());
        byChannel.get(channel).add(s);
        return s;
    }

    void closed(Subscriber s) {
        s.outbox().close();
        byChannel.get(s.channel()).remove(s);
    }

    void deliver(@Observes @Inbound ContentChanged e) {
        Set<Subscriber> subscribers = byChannel.get(e.channel());
        if (subscribers == null) return;
        String change = null;
        String deletion = null;
        for (Subscriber s : subscribers) {
            switch (s.viewer().sees(e)) {
                case CHANGE ->
                        s.outbox()
                                .offer(change == null ? change = SocketMessages.change(e) : change);
                case DELETION ->
                        s.outbox()
                                .offer(
                                        deletion == null
                                                ? deletion = SocketMessages.gone(e)
                                                : deletion);
                case NOTHING -> {}
            }
        }
    }

    void resync(@Observes Resync r) {
        String message = SocketMessages.resync(r.at());
        byChannel.values().forEach(set -> set.forEach(s -> s.outbox().offer(message)));
    }

    /** Pings the sockets of the slice whose turn it is (see {@link PingSlices}). */
    void pingSlice() {
        int slice = pingSlices.next();
        long stallNanos = TimeUnit.SECONDS.toNanos(pingSeconds);
        byChannel
                .values()
                .forEach(
                        set ->
                                set.forEach(
                                        s -> {
                                            if (s.pingSlice() == slice) s.outbox().ping(stallNanos);
                                        }));
    }

    @PreDestroy
    void stop() {
        if (pings != null) pings.cancel(false);
        CloseReason goingAway =
                new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Server shutting down");
        byChannel.values().forEach(set -> set.forEach(s -> s.close(goingAway)));
        if (writers != null) writers.shutdownNow();
    }
}
