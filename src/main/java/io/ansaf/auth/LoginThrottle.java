package io.ansaf.auth;

import io.ansaf.platform.Redis;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * failure leaves the window. A success clears the username's failures. An attempt is checked and
 * counted in one atomic step (a Lua script in Redis, one lock here) before the password is checked,
 * so twenty concurrent guesses let exactly as many through as twenty sequential ones.
 *
 * <p>With Redis, failures are counted for all instances together (a sorted set of failure times per
 * username and per client), so N instances do not allow N times the guesses. Each instance also
 * counts what it sees itself, and answers from its own counts whenever Redis is not connected or
 * slow to answer: an outage weakens the limit to what it is on one instance, and never stops anyone
 * from logging in.
 */
@ApplicationScoped
public class LoginThrottle {
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    /** A login waits at most this long for Redis before deciding on this instance's counts. */
    private static final long REDIS_TIMEOUT_MILLIS = 500;

    private static final String USER_KEY = "ansaf:login:user:";
    private static final String CLIENT_KEY = "ansaf:login:client:";

    /**
     * Checks and counts an attempt in one atomic step, so a burst of concurrent guesses cannot all
     * pass the check before any of them is counted. KEYS: the username's and the client's sets;
     * ARGV: now, window (ms), their limits, a unique member. Returns 0 after adding the member to
     * both sets (the attempt goes ahead and counts as a failure until a success takes it back), or
     * how many ms to wait, adding nothing: until enough failures leave the window for the count to
     * drop below its limit, for whichever of the two is over it longest.
     */
    private static final String ATTEMPT =
            """
            local now, window, wait = tonumber(ARGV[1]), tonumber(ARGV[2]), 0
            for i, key in ipairs(KEYS) do
              redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
              local over = redis.call('ZCARD', key) - tonumber(ARGV[2 + i])
              if over >= 0 then
                local oldest = redis.call('ZRANGE', key, over, over, 'WITHSCORES')
                wait = math.max(wait, tonumber(oldest[2]) + window - now)
              end
            end
            if wait > 0 then return wait end
            for _, key in ipairs(KEYS) do
              redis.call('ZADD', key, ARGV[1], ARGV[5])
              redis.call('PEXPIRE', key, ARGV[2])
            end
            return 0""";

    /**
     * Above this many usernames and clients counted here, the fallback counts are swept of empty
     * entries.
     */
    private static final int SWEEP_ABOVE = 10_000;

    @Inject
    @ConfigProperty(name = "ansaf.login.max-failures-per-user")
    int maxPerUser;

    @Inject
    @ConfigProperty(name = "ansaf.login.max-failures-per-client")
    int maxPerClient;

    @Inject
    @ConfigProperty(name = "ansaf.login.window-seconds")
    long windowSeconds;

    @Inject Redis redis;

    // Guarded by byUser's monitor: each attempt checks and adds to both in one step.
    private final Map<String, Deque<String[]>> byUser = new HashMap<>();
    private final Map<String, Deque<String[]>> byClient = new HashMap<>();

    /**
     * One login attempt, counted as a failure from the moment it is let through ({@link #attempt})
     * until {@link #succeeded} takes it back. {@code retryAfterSeconds} > 0: refused, nothing
     * counted.
     */
    record Attempt(String userKey, String client, long at, String member, long retryAfterSeconds) {
        boolean refused() {
            return retryAfterSeconds > 0;
        }
    }

    /** Checks and counts an attempt atomically, on this instance and (when connected) in Redis. */
    Attempt attempt(String username, String client) {
        long now = System.currentTimeMillis();
        String userKey = User.key(username);
        String member = now + ":" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        long local = reserveLocally(userKey, client, member, now);
        if (local > 0) return new Attempt(userKey, client, now, member, seconds(local));
        long shared =
                shared(
                                c ->
                                        c.eval(
                                                ATTEMPT,
                                                ScriptOutputType.INTEGER,
                                                keys(userKey, client),
                                                Long.toString(now),
                                                Long.toString(windowMillis()),
                                                Integer.toString(maxPerUser),
                                                Integer.toString(maxPerClient),
                                                member))
                        .map(Number.class::cast)
                        .map(Number::longValue)
                        .orElse(0L);
        if (shared > 0) {
            releaseLocally(userKey, client, member);
            return new Attempt(userKey, client, now, member, seconds(shared));
        }
        return new Attempt(userKey, client, now, member, 0);
    }

    /**
     * The password was right: the attempt is no failure, and the username's failures are forgiven.
     */
    void succeeded(Attempt attempt) {
        releaseLocally(attempt.userKey(), attempt.client(), attempt.member());
        byUser.remove(attempt.userKey());
        shared(c -> c.del(USER_KEY + attempt.userKey()));
        shared(c -> c.zrem(CLIENT_KEY + attempt.client(), attempt.member()));
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    /**
     * This instance's counts, checked and added to under one lock (logins are rare; the password
     * check runs outside it): 0 when the attempt goes ahead, else the ms to wait.
     */
    private long reserveLocally(String userKey, String client, String member, long now) {
        synchronized (byUser) {
            Deque<String[]> user = byUser.computeIfAbsent(userKey, k -> new ArrayDeque<>());
            Deque<String[]> fromClient = byClient.computeIfAbsent(client, k -> new ArrayDeque<>());
            long wait =
                    Math.max(
                            waitMillis(user, maxPerUser, now),
                            waitMillis(fromClient, maxPerClient, now));
            if (wait == 0) {
                String[] entry = {Long.toString(now), member};
                user.addLast(entry);
                fromClient.addLast(entry);
            }
            if (byUser.size() + byClient.size() > SWEEP_ABOVE) sweep(now);
            return wait;
        }
    }

    private void releaseLocally(String userKey, String client, String member) {
        synchronized (byUser) {
            Deque<String[]> user = byUser.get(userKey);
            if (user != null) user.removeIf(e -> e[1].equals(member));
            Deque<String[]> fromClient = byClient.get(client);
            if (fromClient != null) fromClient.removeIf(e -> e[1].equals(member));
        }
    }

    /** Forgets usernames and clients whose failures have all left the window. */
    private void sweep(long now) {
        for (Map<String, Deque<String[]>> map : List.of(byUser, byClient)) {
            map.values().forEach(d -> prune(d, now));
            map.values().removeIf(Deque::isEmpty);
        }
    }

    private String[] keys(String userKey, String client) {
        return new String[] {USER_KEY + userKey, CLIENT_KEY + client};
    }

    private long windowMillis() {
        return windowSeconds * 1000;
    }

    /** Runs a Redis command when Redis is connected and answers in time; empty otherwise. */
    private Optional<Object> shared(
            Function<RedisAsyncCommands<String, String>, Future<?>> command) {
        Optional<RedisAsyncCommands<String, String>> commands = redis.commands();
        if (commands.isEmpty()) return Optional.empty();
        try {
            return Optional.ofNullable(
                    command.apply(commands.get()).get(REDIS_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Login throttling falls back to this instance's counts", e);
            return Optional.empty();
        }
    }

    /**
     * Milliseconds until these failures drop below {@code max}; 0 when they are below. Caller holds
     * the lock.
     */
    private long waitMillis(Deque<String[]> failures, int max, long now) {
        prune(failures, now);
        if (failures.size() < max) return 0;
        // The (size - max)th oldest must leave the window for the count to drop below max.
        int over = failures.size() - max;
        long oldest = Long.parseLong(failures.stream().skip(over).findFirst().orElseThrow()[0]);
        return Math.max(1, oldest + windowMillis() - now);
    }

    private void prune(Deque<String[]> failures, long now) {
        while (!failures.isEmpty()
                && Long.parseLong(failures.peekFirst()[0]) <= now - windowMillis())
            failures.pollFirst();
    }
}
