package io.ansaf.content;

import io.ansaf.platform.Redis;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries committed content changes to every instance. After a transaction commits, the change is
 * published on the Redis channel {@value #CHANNEL}; every instance subscribes and re-fires what
 * arrives as {@link Inbound @Inbound} {@link ContentChanged}, the publishing instance included, so
 * each socket gets each change exactly once. Without {@code REDIS_URL} the change is re-fired
 * in-process instead.
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

    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean stopping;
    private final AtomicBoolean publishFailing = new AtomicBoolean();

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
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
            inbound.fire(change);
            return;
        }
        var commands = redis.commands();
        if (commands.isEmpty()) {
            publishFailed(new IllegalStateException("not connected to Redis"));
            return;
        }
        try {
            commands.get()
                    .publish(CHANNEL, ChangeCodec.encode(change))
                    .whenComplete(
                            (receivers, failure) -> {
                                if (failure != null) publishFailed(failure);
                                else if (publishFailing.compareAndSet(true, false))
                                    LOG.info("Publishing to Redis again");
                            });
        } catch (RuntimeException e) {
            publishFailed(e);
        }
    }

    private void publishFailed(Throwable failure) {
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
                inbound.fire(ChangeCodec.decode(message));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A real-time event from Redis was not delivered", e);
            }
        }

        @Override
        public void subscribed(String channel, long count) {
            // Also after every reconnection: Lettuce re-subscribes, and Redis confirms it here.
            LOG.info(() -> "Subscribed to Redis channel " + channel);
            resync.fire(new Resync(Instant.now()));
        }
    }
}
