package io.ansaf.realtime;

import io.ansaf.content.Catchup;
import io.ansaf.content.ChangeFeed;
import io.ansaf.content.ContentChanged;
import io.ansaf.content.EventId;
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
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

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

    @Inject ChangeFeed feed;

    private final Map<String, Integer> byClient = new ConcurrentHashMap<>();

    private final LongAdder replayed = new LongAdder();
    private final LongAdder resyncs = new LongAdder();

    private static final Logger LOG = Logger.getLogger(Dashboards.class.getName());

    private final PingSlices pingSlices = new PingSlices();
    private ScheduledFuture<?> pings;
    private ExecutorService writers;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        replayedTotal();
        writers = Executors.newFixedThreadPool(WRITER_THREADS, threads);
        long tick = PingSlices.tickMillis(pingSeconds);
        pings = scheduler.scheduleAtFixedRate(this::pingSlice, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Lists a new socket for delivery. With {@code since} (the {@code ?since=} of its URL, null
     * when absent) it first catches up: it is listed before the history is read, holding back the
     * live changes that arrive meanwhile, and after the replay it is sent those of them the replay
     * did not cover; by their ids, no change is missed nor sent twice across the switch.
     */
    Subscriber open(String client, String channel, Session session, Viewer viewer, String since) {
        Subscriber s =
                new Subscriber(
                        client,
                        channel,
                        session,
                        viewer,
                        maxQueued,
                        writers,
                        closer,
                        pingSlices.assign());
        if (client != null) byClient.merge(client, 1, Integer::sum);
        if (since != null) s.holdLive();
        byChannel.get(channel).add(s);
        if (since != null) {
            EventId from = EventId.parse(since).orElse(null);
            if (from == null) resyncThenLive(s, null);
            else catchUp(s, from);
        }
        return s;
    }

    /** Replays one page of the history after {@code from}, then the next once the socket drains. */
    private void catchUp(Subscriber s, EventId from) {
        int page = Math.max(1, maxQueued / 2);
        CompletionStage<Catchup> read;
        try {
            read = feed.after(s.channel(), from, page);
        } catch (RuntimeException redisDown) {
            resyncThenLive(s, null);
            return;
        }
        read.whenComplete(
                (answer, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.FINE, "Catch-up read failed; resyncing", failure);
                        resyncThenLive(s, null);
                    } else if (answer instanceof Catchup.Gone gone) {
                        resyncThenLive(s, gone.newest());
                    } else if (answer instanceof Catchup.Events events) {
                        for (ContentChanged e : events.events()) send(s, e, null);
                        replayed.add(events.events().size());
                        if (events.more()) whenDrained(s, () -> catchUp(s, events.last()));
                        else s.goLive(events.last(), e -> send(s, e, null));
                    }
                });
    }

    private void resyncThenLive(Subscriber s, EventId newest) {
        resyncs.increment();
        s.outbox().offer(SocketMessages.resync(Instant.now(), newest));
        s.goLive(null, e -> send(s, e, null));
    }

    /** Runs {@code next} once at most half of the socket's queue is waiting; never if it closes. */
    private void whenDrained(Subscriber s, Runnable next) {
        if (s.outbox().closed()) return;
        if (s.outbox().waiting() <= maxQueued / 2) next.run();
        else scheduler.schedule(() -> whenDrained(s, next), 20, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends one change to one socket as its viewer may see it; {@code frames} caches the two
     * strings of a change shared by many sockets (null to build them for this socket).
     */
    private static void send(Subscriber s, ContentChanged e, String[] frames) {
        Viewer.Sees sees = s.viewer().sees(e);
        if (sees == Viewer.Sees.NOTHING) return;
        int slot = sees.ordinal();
        String frame = frames == null ? null : frames[slot];
        if (frame == null) frame = SocketMessages.as(sees, e);
        if (frames != null) frames[slot] = frame;
        s.outbox().offer(frame);
    }

    void closed(Subscriber s) {
        s.outbox().close();
        if (byChannel.get(s.channel()).remove(s) && s.client() != null)
            byClient.computeIfPresent(s.client(), (k, n) -> n > 1 ? n - 1 : null);
    }

    /** How many sockets {@code client} holds open on this instance. */
    int openBy(String client) {
        return byClient.getOrDefault(client, 0);
    }

    void deliver(@Observes @Inbound ContentChanged e) {
        Set<Subscriber> subscribers = byChannel.get(e.channel());
        if (subscribers == null) return;
        String[] frames = new String[2];
        for (Subscriber s : subscribers) {
            if (!s.held(e)) send(s, e, frames);
        }
    }

    void resync(@Observes Resync r) {
        String message = SocketMessages.resync(r.at(), null);
        byChannel
                .values()
                .forEach(
                        set ->
                                set.forEach(
                                        s -> {
                                            resyncs.increment();
                                            s.outbox().offer(message);
                                        }));
    }

    @Gauge(
            name = "ansaf_ws_replayed_total",
            unit = MetricUnits.NONE,
            absolute = true,
            description = "Kept changes replayed to sockets that reconnected with ?since=")
    public long replayedTotal() {
        return replayed.sum();
    }

    @Gauge(
            name = "ansaf_ws_resyncs_total",
            unit = MetricUnits.NONE,
            absolute = true,
            description = "resync frames sent to sockets (catch-up impossible, or Redis came back)")
    public long resyncsTotal() {
        return resyncs.sum();
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
