package io.ansaf.content;

import io.ansaf.platform.Redis;
import io.ansaf.platform.StartupFailure;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * Carries committed content changes to every instance. After a transaction commits, the change is
 * published on the Redis channel {@value #CHANNEL}; every instance subscribes and re-fires what
 * arrives as {@link Inbound @Inbound} {@link ContentChanged}, the publishing instance included, so
 * each socket gets each change exactly once. Without {@code REDIS_URL} the change is re-fired
 * in-process instead.
 *
 * <p>Every change is numbered when it is committed (an {@link EventId}), and the newest {@code
 * ansaf.events.keep} of each channel are kept, so that a client that was away can catch up ({@link
 * #after}) instead of refetching everything: in Redis streams shared by every instance ({@link
 * EventStreams}: numbering, keeping and publishing are one step there), or without Redis in this
 * instance's memory. Each instance also keeps the newest part of each history in memory ({@link
 * EventTail}), as it receives it, for the sockets that reconnect after a blip.
 *
 * <p>Redis is never on the critical path of a write: publishing is asynchronous, refused at once
 * while disconnected (not buffered for later), and its failures are only logged. Lettuce reconnects
 * by itself and re-subscribes; each time the subscription is (re-)established {@link Resync} is
 * fired, since whatever was published meanwhile is lost.
 */
@ApplicationScoped
public class ChangeFeed {
    static final String CHANNEL = "ansaf:content";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());

    @Inject Redis redis;

    @Inject @Inbound Event<ContentChanged> inbound;

    @Inject Event<Resync> resync;

    @Resource ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "ansaf.events.keep")
    int keep;

    /**
     * With Redis, how many of the newest changes of each channel an instance also keeps in memory.
     */
    static final int MEMORY_TAIL = 1000;

    private final Map<String, EventTail> tails = new ConcurrentHashMap<>();

    /** Without Redis: this process's epoch, and the last number of each channel. */
    private final String localEpoch =
            Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);

    // Each channel's entry is changed under that channel's tail lock, but channels change theirs
    // concurrently: the map itself must be concurrent.
    private final Map<String, Long> localSeq = new ConcurrentHashMap<>();

    /** Channels whose change could not be appended since their last append from here. */
    private final Set<String> lostOn = ConcurrentHashMap.newKeySet();

    private final LongAdder appended = new LongAdder();
    private final LongAdder servedForCatchUp = new LongAdder();

    private EventStreams streams;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean stopping;
    private final AtomicBoolean publishFailing = new AtomicBoolean();

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (keep < 0) StartupFailure.exit("ansaf.events.keep", "must be 0 or more, not " + keep);
        int inMemory = redis.configured() ? Math.min(keep, MEMORY_TAIL) : keep;
        for (String channel : ContentModel.channels()) tails.put(channel, new EventTail(inMemory));
        streams = new EventStreams(CHANNEL, keep);
        appendedTotal();
        if (!redis.configured()) {
            LOG.info("REDIS_URL not set: real-time events are delivered on this instance only");
            return;
        }
        // Off the start-up thread: an unreachable Redis must not hold up (or fail) the deployment.
        scheduler.execute(this::subscribe);
    }

    /**
     * Whether every committed change reaches this instance right now: always without Redis (changes
     * are only local), with Redis while the subscription is open.
     */
    public boolean seesEveryChange() {
        if (!redis.configured()) return true;
        StatefulRedisPubSubConnection<String, String> s = subscription;
        return s != null && s.isOpen();
    }

    /** Why changes may be missed right now (no subscription, Redis not answering), or empty. */
    Optional<String> problem(Duration timeout) {
        StatefulRedisPubSubConnection<String, String> s = subscription;
        if (s == null) return Optional.of("not connected");
        if (!s.isOpen()) return Optional.of("subscription disconnected");
        return redis.problem(timeout);
    }

    /** Until the subscription exists, Lettuce has nothing to re-subscribe: it is retried here. */
    private void subscribe() {
        if (stopping) return;
        try {
            StatefulRedisPubSubConnection<String, String> s = redis.connectPubSub();
            try {
                s.addListener(new Listener());
                s.sync().subscribe(CHANNEL);
            } catch (RuntimeException e) {
                s.closeAsync();
                throw e;
            }
            subscription = s;
            LOG.info(() -> "Real-time events travel through Redis at " + redis.address());
        } catch (RuntimeException e) {
            LOG.fine(() -> "Cannot subscribe to Redis yet: " + e.getMessage());
            if (!stopping)
                scheduler.schedule(
                        this::subscribe, Redis.FIRST_CONNECT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * After commit only: a rolled-back write sends nothing. {@code @Default} keeps out the re-fired
     * inbound events.
     */
    void committed(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) @Default ContentChanged change) {
        if (!redis.configured()) {
            numberHere(change);
            return;
        }
        String channel = change.channel();
        var commands = redis.commands();
        if (commands.isEmpty()) {
            publishFailed(channel, new IllegalStateException("not connected to Redis"));
            return;
        }
        boolean lost = lostOn.contains(channel);
        try {
            streams.append(commands.get(), channel, ChangeCodec.encode(change), lost)
                    .whenComplete(
                            (number, failure) -> {
                                if (failure != null) {
                                    publishFailed(channel, failure);
                                    return;
                                }
                                appended.increment();
                                if (lost) lostOn.remove(channel);
                                if (publishFailing.compareAndSet(true, false))
                                    LOG.info("Publishing to Redis again");
                            });
        } catch (RuntimeException e) {
            publishFailed(channel, e);
        }
    }

    /**
     * Without Redis: numbers the change, keeps it and hands it to this instance's sockets, under
     * one lock per channel, so that numbers and delivery keep the same order.
     */
    private void numberHere(ContentChanged change) {
        EventTail tail = tails.get(change.channel());
        synchronized (tail) {
            long n = localSeq.merge(change.channel(), 1L, Long::sum);
            ContentChanged numbered = change.numbered(new EventId(localEpoch, n));
            tail.add(numbered, 0);
            appended.increment();
            inbound.fire(numbered);
        }
    }

    /**
     * The changes of {@code channel} after {@code since}, at most {@code limit}, from memory when
     * it holds them all, else from Redis. Fails while Redis is configured but unreachable.
     */
    public CompletionStage<Catchup> after(String channel, EventId since, int limit) {
        EventTail tail = tails.get(channel);
        Optional<Catchup> local = tail.after(since, limit);
        if (local.isPresent() || !redis.configured())
            return served(
                    CompletableFuture.completedFuture(
                            local.orElseGet(() -> new Catchup.Gone(tail.newest()))));
        var commands = redis.commands();
        if (commands.isEmpty()) return notConnected();
        return served(streams.after(commands.get(), channel, since, limit));
    }

    /** The newest {@code limit} changes of {@code channel}, oldest first. */
    public CompletionStage<Catchup.Events> newest(String channel, int limit) {
        if (!redis.configured())
            return CompletableFuture.completedFuture(tails.get(channel).newest(limit));
        var commands = redis.commands();
        if (commands.isEmpty()) return notConnected();
        return streams.newest(commands.get(), channel, limit);
    }

    private static <T> CompletionStage<T> notConnected() {
        return CompletableFuture.failedFuture(new IllegalStateException("not connected to Redis"));
    }

    private <T extends Catchup> CompletionStage<T> served(CompletionStage<T> answer) {
        return answer.thenApply(
                c -> {
                    if (c instanceof Catchup.Events e) servedForCatchUp.add(e.events().size());
                    return c;
                });
    }

    @Gauge(
            name = "ansaf_events_appended_total",
            unit = MetricUnits.NONE,
            absolute = true,
            description = "Content changes numbered and kept for catch-up by this instance")
    public long appendedTotal() {
        return appended.sum();
    }

    @Gauge(
            name = "ansaf_events_read_for_catch_up_total",
            unit = MetricUnits.NONE,
            absolute = true,
            description =
                    "Kept changes read by sockets catching up and by GET /api/v1/changes/ on this instance")
    public long readForCatchUp() {
        return servedForCatchUp.sum();
    }

    @Gauge(
            name = "ansaf_events_kept_blogs",
            unit = MetricUnits.NONE,
            absolute = true,
            description =
                    "Changes of the blogs channel kept for catch-up (the Redis stream's length)")
    public long keptBlogs() {
        return kept("blogs");
    }

    @Gauge(
            name = "ansaf_events_kept_pages",
            unit = MetricUnits.NONE,
            absolute = true,
            description =
                    "Changes of the pages channel kept for catch-up (the Redis stream's length)")
    public long keptPages() {
        return kept("pages");
    }

    private long kept(String channel) {
        if (!redis.configured()) return tails.get(channel).size();
        var commands = redis.commands();
        if (commands.isEmpty()) return -1;
        try {
            return streams.length(commands.get(), channel)
                    .toCompletableFuture()
                    .get(500, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    private void publishFailed(String channel, Throwable failure) {
        lostOn.add(channel);
        // One warning per outage, not one per write.
        Level level = publishFailing.compareAndSet(false, true) ? Level.WARNING : Level.FINE;
        LOG.log(
                level,
                "A content change was not published to Redis (sockets will be told to resync): "
                        + failure);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (subscription != null) subscription.closeAsync();
    }

    /** Runs on Lettuce's I/O thread: one connection, one thread, so changes keep their order. */
    private final class Listener extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String channel, String message) {
            try {
                EventStreams.Published p = EventStreams.parse(message);
                tails.get(p.change().channel()).add(p.change(), p.horizon());
                inbound.fire(p.change());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A real-time event from Redis was not delivered", e);
            }
        }

        @Override
        public void subscribed(String channel, long count) {
            // Also after every reconnection: Lettuce re-subscribes, and Redis confirms it here.
            LOG.info(() -> "Subscribed to Redis channel " + channel);
            // What was published meanwhile never arrived: the tails may have a gap.
            tails.values().forEach(EventTail::clear);
            redis.commands()
                    .ifPresent(
                            c -> {
                                for (String lost : Set.copyOf(lostOn))
                                    streams.markLoss(c, lost).thenRun(() -> lostOn.remove(lost));
                            });
            resync.fire(new Resync(Instant.now()));
        }
    }
}
