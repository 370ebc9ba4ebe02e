package io.ansaf.realtime;

import io.ansaf.platform.StartupFailure;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
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
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries committed content changes to the sockets of every instance. After a transaction
 * commits, the change is published on the Redis channel {@value #CHANNEL}; every instance
 * subscribes and re-fires what arrives as {@link Inbound @Inbound} {@link ContentChanged}, the
 * publishing instance included, so each socket gets each change exactly once. Without
 * {@code REDIS_URL} the change is re-fired in-process instead.
 *
 * <p>Redis is never on the critical path of a write: publishing is asynchronous, refused at once
 * while disconnected (not buffered for later), and its failures are only logged. Lettuce
 * reconnects by itself and re-subscribes; each time the subscription is (re-)established every
 * local socket is sent {@code resync}, since whatever was published meanwhile is lost.
 */
@ApplicationScoped
public class RedisBridge {
    static final String CHANNEL = "ansaf:content";
    private static final Logger LOG = Logger.getLogger(RedisBridge.class.getName());
    /** Reconnection attempts back off from 100 ms to at most 2 s: Redis is back within 2 s of its return. */
    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final long FIRST_CONNECT_RETRY_MILLIS = 2000;

    @Inject
    @ConfigProperty(name = "redis.url")
    Optional<String> url;

    @Inject
    @Inbound
    Event<ContentChanged> inbound;

    @Inject
    Event<Resync> resync;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private RedisURI uri;
    private ClientResources resources;
    private RedisClient client;
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile boolean stopping;
    private final AtomicBoolean publishFailing = new AtomicBoolean();

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (url.isEmpty() || url.get().isBlank()) {
            LOG.info("REDIS_URL not set: real-time events are delivered on this instance only");
            return;
        }
        uri = parse(url.get().trim());
        resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(RECONNECT_DELAY).build();
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
        client.setDefaultTimeout(Duration.ofSeconds(5));
        // Off the start-up thread: an unreachable Redis must not hold up (or fail) the deployment.
        scheduler.execute(this::connect);
    }

    static RedisURI parse(String value) {
        try {
            RedisURI parsed = RedisURI.create(value);
            // Lettuce takes "redis://host:abc" for a host named "host:abc"; java.net.URI does not.
            boolean plain = value.startsWith("redis://") || value.startsWith("rediss://");
            if (plain && URI.create(value).getHost() == null) throw new IllegalArgumentException("no valid host and port");
            return parsed;
        } catch (RuntimeException e) {
            StartupFailure.exit("redis.url", "not a Redis URL (expected redis://[:password@]host[:port][/db]): " + e.getMessage());
            throw e;
        }
    }

    boolean configured() {
        return uri != null;
    }

    /**
     * Whether every committed change reaches this instance right now: always without Redis
     * (changes are only local), with Redis while the subscription is open.
     */
    public boolean seesEveryChange() {
        if (uri == null) return true;
        StatefulRedisPubSubConnection<String, String> s = subscriber;
        return s != null && s.isOpen();
    }

    /**
     * Until both connections exist, Lettuce has nothing to reconnect: the first connection is
     * retried here. Once connected, Lettuce takes over reconnecting.
     */
    private void connect() {
        if (stopping) return;
        try {
            if (publisher == null) publisher = client.connect(StringCodec.UTF8, uri);
            if (subscriber == null) {
                StatefulRedisPubSubConnection<String, String> s = client.connectPubSub(StringCodec.UTF8, uri);
                try {
                    s.addListener(new Listener());
                    s.sync().subscribe(CHANNEL);
                } catch (RuntimeException e) {
                    s.closeAsync();
                    throw e;
                }
                subscriber = s;
            }
            LOG.info(() -> "Real-time events travel through Redis at " + uri.getHost() + ":" + uri.getPort());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Redis not reachable yet (" + e.getMessage() + "); retrying every "
                    + FIRST_CONNECT_RETRY_MILLIS + " ms. Writes go on; sockets receive nothing meanwhile.");
            if (!stopping) scheduler.schedule(this::connect, FIRST_CONNECT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** After commit only: a rolled-back write sends nothing. {@code @Default} keeps out the re-fired inbound events. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Default ContentChanged change) {
        if (uri == null) {
            inbound.fire(change);
            return;
        }
        StatefulRedisConnection<String, String> p = publisher;
        if (p == null) {
            publishFailed(new IllegalStateException("not connected to Redis yet"));
            return;
        }
        try {
            p.async().publish(CHANNEL, ChangeCodec.encode(change)).whenComplete((receivers, failure) -> {
                if (failure != null) publishFailed(failure);
                else if (publishFailing.compareAndSet(true, false)) LOG.info("Publishing to Redis again");
            });
        } catch (RuntimeException e) {
            publishFailed(e);
        }
    }

    private void publishFailed(Throwable failure) {
        // One warning per outage, not one per write.
        Level level = publishFailing.compareAndSet(false, true) ? Level.WARNING : Level.FINE;
        LOG.log(level, "A content change was not published to Redis (sockets will be told to resync): " + failure);
    }

    /**
     * Commands on this instance's Redis connection, for the little state that instances share
     * besides the change feed (failed logins); empty without Redis and while it is disconnected,
     * so callers fall back to what this instance knows by itself.
     */
    public Optional<RedisAsyncCommands<String, String>> sharedState() {
        StatefulRedisConnection<String, String> p = publisher;
        return p == null || !p.isOpen() ? Optional.empty() : Optional.of(p.async());
    }

    /** Why Redis is not usable right now, or empty when a PING is answered within {@code timeout}. */
    Optional<String> problem(Duration timeout) {
        StatefulRedisConnection<String, String> p = publisher;
        StatefulRedisPubSubConnection<String, String> s = subscriber;
        if (p == null || s == null) return Optional.of("not connected");
        if (!s.isOpen()) return Optional.of("subscription disconnected");
        try {
            String pong = p.async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return "PONG".equals(pong) ? Optional.empty() : Optional.of("unexpected PING answer " + pong);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (Exception e) {
            return Optional.of(String.valueOf(e.getCause() == null ? e : e.getCause()));
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (client == null) return;
        if (subscriber != null) subscriber.closeAsync();
        if (publisher != null) publisher.closeAsync();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
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
