package io.ansaf.platform;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one Redis client of this instance ({@code REDIS_URL}; none without it): one command
 * connection shared by whoever needs Redis (the change feed publishes on it, the login throttle
 * counts on it) and the pub/sub connections the change feed subscribes with. Lettuce reconnects
 * established connections by itself; the first connection is retried here, off the start-up thread,
 * so an unreachable Redis never holds up or fails the deployment. Commands are refused at once
 * while disconnected (never buffered), so every caller falls back instead of waiting.
 */
@ApplicationScoped
public class Redis {
    private static final Logger LOG = Logger.getLogger(Redis.class.getName());

    /**
     * Reconnection attempts back off from 100 ms to at most 2 s: Redis is back within 2 s of its
     * return.
     */
    private static final Delay RECONNECT_DELAY =
            Delay.exponential(
                    Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final long FIRST_CONNECT_RETRY_MILLIS = 2000;

    @Inject
    @ConfigProperty(name = "redis.url")
    Optional<String> url;

    @Resource ManagedScheduledExecutorService scheduler;

    private RedisURI uri;
    private ClientResources resources;
    private RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean stopping;

    @PostConstruct
    void create() {
        if (url.isEmpty() || url.get().isBlank()) return;
        uri = parse(url.get().trim());
        resources =
                ClientResources.builder()
                        .ioThreadPoolSize(2)
                        .computationThreadPoolSize(2)
                        .reconnectDelay(RECONNECT_DELAY)
                        .build();
        client = RedisClient.create(resources, uri);
        client.setOptions(
                ClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(
                                SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                        .build());
        client.setDefaultTimeout(Duration.ofSeconds(5));
        scheduler.execute(this::connect);
    }

    static RedisURI parse(String value) {
        try {
            RedisURI parsed = RedisURI.create(value);
            // Lettuce takes "redis://host:abc" for a host named "host:abc"; java.net.URI does not.
            boolean plain = value.startsWith("redis://") || value.startsWith("rediss://");
            if (plain && URI.create(value).getHost() == null)
                throw new IllegalArgumentException("no valid host and port");
            return parsed;
        } catch (RuntimeException e) {
            StartupFailure.exit(
                    "redis.url",
                    "not a Redis URL (expected redis://[:password@]host[:port][/db]): "
                            + e.getMessage());
            throw e;
        }
    }

    /** Whether {@code REDIS_URL} is set: instances share state and changes through Redis. */
    public boolean configured() {
        return uri != null;
    }

    /** {@code host:port}, for log lines. */
    public String address() {
        return uri == null ? "(none)" : uri.getHost() + ":" + uri.getPort();
    }

    /** Commands on the shared connection; empty without Redis and while it is disconnected. */
    public Optional<RedisAsyncCommands<String, String>> commands() {
        StatefulRedisConnection<String, String> c = connection;
        return c == null || !c.isOpen() ? Optional.empty() : Optional.of(c.async());
    }

    /** A new pub/sub connection; throws while Redis is unreachable. */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client.connectPubSub(StringCodec.UTF8, uri);
    }

    /**
     * Why Redis is not usable right now, or empty when a PING is answered within {@code timeout}.
     */
    public Optional<String> problem(Duration timeout) {
        Optional<RedisAsyncCommands<String, String>> commands = commands();
        if (commands.isEmpty()) return Optional.of("not connected");
        try {
            String pong = commands.get().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return "PONG".equals(pong)
                    ? Optional.empty()
                    : Optional.of("unexpected PING answer " + pong);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (Exception e) {
            return Optional.of(String.valueOf(e.getCause() == null ? e : e.getCause()));
        }
    }

    /**
     * Until the connection exists, Lettuce has nothing to reconnect: the first one is retried here.
     */
    private void connect() {
        if (stopping) return;
        try {
            connection = client.connect(StringCodec.UTF8, uri);
            LOG.info(() -> "Connected to Redis at " + address());
        } catch (RuntimeException e) {
            LOG.warning(
                    () ->
                            "Redis not reachable yet ("
                                    + e.getMessage()
                                    + "); retrying every "
                                    + FIRST_CONNECT_RETRY_MILLIS
                                    + " ms. Writes go on; sockets receive nothing meanwhile.");
            if (!stopping)
                scheduler.schedule(
                        this::connect, FIRST_CONNECT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (client == null) return;
        if (connection != null) connection.closeAsync();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
