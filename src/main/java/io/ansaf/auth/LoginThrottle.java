package io.ansaf.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing: after too many failed logins for one username, or from one client
 * address, within a sliding window, logins are refused (429 with Retry-After) until the oldest
 * failure leaves the window. A success clears the username's failures. Counts are per instance.
 */
@ApplicationScoped
public class LoginThrottle {
    @Inject
    @ConfigProperty(name = "ansaf.login.max-failures-per-user", defaultValue = "5")
    int maxPerUser;

    @Inject
    @ConfigProperty(name = "ansaf.login.max-failures-per-client", defaultValue = "20")
    int maxPerClient;

    @Inject
    @ConfigProperty(name = "ansaf.login.window-seconds", defaultValue = "900")
    long windowSeconds;

    private final Map<String, Deque<Long>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> byClient = new ConcurrentHashMap<>();

    /** Seconds to wait before trying again, or 0 when a login attempt may go ahead. */
    long retryAfter(String username, String client) {
        long now = System.currentTimeMillis();
        return Math.max(wait(byUser, User.key(username), maxPerUser, now), wait(byClient, client, maxPerClient, now));
    }

    void failed(String username, String client) {
        long now = System.currentTimeMillis();
        record(byUser, User.key(username), now);
        record(byClient, client, now);
    }

    void succeeded(String username) {
        byUser.remove(User.key(username));
    }

    private long wait(Map<String, Deque<Long>> map, String key, int max, long now) {
        Deque<Long> failures = map.get(key);
        if (failures == null) return 0;
        synchronized (failures) {
            prune(failures, now);
            if (failures.size() < max) return 0;
            long until = failures.peekFirst() + windowSeconds * 1000;
            return Math.max(1, (until - now + 999) / 1000);
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
        while (!failures.isEmpty() && failures.peekFirst() <= now - windowSeconds * 1000) failures.pollFirst();
    }
}
