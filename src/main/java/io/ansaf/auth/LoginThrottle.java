package io.ansaf.auth;

import io.ansaf.realtime.RedisBridge;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing: after too many failed logins for one username, or from one client
 * address, within a sliding window, logins are refused (429 with Retry-After) until the oldest
 * failure leaves the window. A success clears the username's failures.
 *
 * <p>With Redis, failures are counted for all instances together (a sorted set of failure times
 * per username and per client), so N instances do not allow N times the guesses. Each instance
 * also counts what it sees itself, and answers from its own counts whenever Redis is not
 * connected or slow to answer: an outage weakens the limit to what it is on one instance, and
 * never stops anyone from logging in.
 */
@ApplicationScoped
public class LoginThrottle {
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());
    /** A login waits at most this long for Redis before deciding on this instance's counts. */
    private static final long REDIS_TIMEOUT_MILLIS = 500;
    private static final String USER_KEY = "ansaf:login:user:";
    private static final String CLIENT_KEY = "ansaf:login:client:";
    /**
     * KEYS: the username's and the client's sets; ARGV: now, window (ms), their limits. Returns
     * how many ms to wait: until enough failures leave the window for the count to drop below its
     * limit, for whichever of the two is over it longest.
     */
    private static final String WAIT = """
            local now, window, wait = tonumber(ARGV[1]), tonumber(ARGV[2]), 0
            for i, key in ipairs(KEYS) do
              redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
              local over = redis.call('ZCARD', key) - tonumber(ARGV[2 + i])
              if over >= 0 then
                local oldest = redis.call('ZRANGE', key, over, over, 'WITHSCORES')
                wait = math.max(wait, tonumber(oldest[2]) + window - now)
              end
            end
            return wait""";
    /** KEYS: the username's and the client's sets; ARGV: now, window (ms), a unique member. */
    private static final String RECORD = """
            for _, key in ipairs(KEYS) do
              redis.call('ZREMRANGEBYSCORE', key, '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
              redis.call('ZADD', key, ARGV[1], ARGV[3])
              redis.call('PEXPIRE', key, ARGV[2])
            end
            return 1""";

    @Inject
    @ConfigProperty(name = "ansaf.login.max-failures-per-user", defaultValue = "5")
    int maxPerUser;

    @Inject
    @ConfigProperty(name = "ansaf.login.max-failures-per-client", defaultValue = "20")
    int maxPerClient;

    @Inject
    @ConfigProperty(name = "ansaf.login.window-seconds", defaultValue = "900")
    long windowSeconds;

    @Inject
    RedisBridge redis;

    private final Map<String, Deque<Long>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> byClient = new ConcurrentHashMap<>();

    /** Seconds to wait before trying again, or 0 when a login attempt may go ahead. */
    long retryAfter(String username, String client) {
        long now = System.currentTimeMillis();
        long local = Math.max(waitMillis(byUser, User.key(username), maxPerUser, now), waitMillis(byClient, client, maxPerClient, now));
        long shared = shared(c -> c.eval(WAIT, ScriptOutputType.INTEGER, keys(username, client),
                Long.toString(now), Long.toString(windowMillis()), Integer.toString(maxPerUser), Integer.toString(maxPerClient)))
                .map(Number.class::cast).map(Number::longValue).orElse(0L);
        long millis = Math.max(local, shared);
        return millis <= 0 ? 0 : Math.max(1, (millis + 999) / 1000);
    }

    void failed(String username, String client) {
        long now = System.currentTimeMillis();
        record(byUser, User.key(username), now);
        record(byClient, client, now);
        String member = now + ":" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        shared(c -> c.eval(RECORD, ScriptOutputType.INTEGER, keys(username, client),
                Long.toString(now), Long.toString(windowMillis()), member));
    }

    void succeeded(String username) {
        byUser.remove(User.key(username));
        shared(c -> c.del(USER_KEY + User.key(username)));
    }

    private String[] keys(String username, String client) {
        return new String[] {USER_KEY + User.key(username), CLIENT_KEY + client};
    }

    private long windowMillis() {
        return windowSeconds * 1000;
    }

    /** Runs a Redis command when Redis is connected and answers in time; empty otherwise. */
    private Optional<Object> shared(Function<RedisAsyncCommands<String, String>, Future<?>> command) {
        Optional<RedisAsyncCommands<String, String>> commands = redis.sharedState();
        if (commands.isEmpty()) return Optional.empty();
        try {
            return Optional.ofNullable(command.apply(commands.get()).get(REDIS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Login throttling falls back to this instance's counts", e);
            return Optional.empty();
        }
    }

    /** Milliseconds until {@code key}'s failures on this instance drop below {@code max}; 0 when they are below. */
    private long waitMillis(Map<String, Deque<Long>> map, String key, int max, long now) {
        Deque<Long> failures = map.get(key);
        if (failures == null) return 0;
        synchronized (failures) {
            prune(failures, now);
            if (failures.size() < max) return 0;
            return Math.max(1, failures.peekFirst() + windowMillis() - now);
        }
    }

    private void record(Map<String, Deque<Long>> map, String key, long now) {
        Deque<Long> failures = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (failures) {
            prune(failures, now);
            failures.addLast(now);
        }
    }

    private void prune(Deque<Long> failures, long now) {
        while (!failures.isEmpty() && failures.peekFirst() <= now - windowMillis()) failures.pollFirst();
    }
}
