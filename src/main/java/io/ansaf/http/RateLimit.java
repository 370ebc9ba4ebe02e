package io.ansaf.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ansaf.platform.Redis;
import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * The general API rate limit: each client (its user when logged in, else its address, the one
 * {@code X-Forwarded-For} names only when a trusted proxy sent it) may make {@code
 * ansaf.rate-limit.reads} reads and {@code ansaf.rate-limit.writes} writes per window of {@code
 * ansaf.rate-limit.window-seconds}. Over it: {@code 429} with {@code Retry-After}; every limited
 * response carries the IETF draft's {@code RateLimit-Policy} and {@code RateLimit} headers.
 *
 * <p>Counts are shared by every instance through Redis (a counter per client and window, created
 * with the window's expiry). A write waits for Redis (at most {@link #REDIS_WAIT}) and is decided
 * on the shared count; a read is decided at memory speed on the larger of this instance's count and
 * the shared count its previous read brought back, and adds itself to the shared count without
 * waiting: across instances a burst of reads may overshoot by what arrives during one round trip.
 * Without Redis, or while it does not answer, each instance counts alone.
 *
 * <p>Staff are not limited (imports, bulk moderation), nor are login attempts (the login throttle
 * has its own, tighter rule) and CORS preflights.
 */
@ApplicationScoped
public class RateLimit {
    static final Duration REDIS_WAIT = Duration.ofMillis(200);

    private static final String COUNT =
            """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {n, redis.call('PTTL', KEYS[1])}
            """;

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    @ConfigProperty(name = "ansaf.rate-limit.reads")
    int reads;

    @Inject
    @ConfigProperty(name = "ansaf.rate-limit.writes")
    int writes;

    @Inject
    @ConfigProperty(name = "ansaf.rate-limit.window-seconds")
    int windowSeconds;

    @Inject Redis redis;

    /** One client's window on this instance: its own count, and the shared one last seen. */
    private static final class Window {
        final long endsAt;
        int local;
        long shared;

        Window(long endsAt) {
            this.endsAt = endsAt;
        }
    }

    private final Cache<String, Window> windows =
            Caffeine.newBuilder()
                    .maximumSize(100_000)
                    .expireAfterWrite(Duration.ofHours(1))
                    .build();

    private final LongAdder refused = new LongAdder();

    record Decision(String policy, int quota, long remaining, long resetSeconds) {
        boolean allowed() {
            return remaining >= 0;
        }
    }

    /** Counts the request and writes the headers; true when it was refused (the 429 is written). */
    boolean refused(HttpServletRequest req, HttpServletResponse res) throws IOException {
        boolean write = !SAFE.contains(req.getMethod());
        int quota = write ? writes : reads;
        if (quota <= 0 || exempt(req)) return false;
        String policy = write ? "writes" : "reads";
        Decision d = take(policy, quota, client(req), write);
        res.setHeader("RateLimit-Policy", "\"" + policy + "\";q=" + quota + ";w=" + windowSeconds);
        res.setHeader(
                "RateLimit",
                "\"" + policy + "\";r=" + Math.max(0, d.remaining()) + ";t=" + d.resetSeconds());
        if (d.allowed()) return false;
        refused.increment();
        res.setHeader("Retry-After", Long.toString(d.resetSeconds()));
        Problems.write(
                res,
                429,
                "Too Many Requests",
                "More than "
                        + quota
                        + " "
                        + policy
                        + " in "
                        + windowSeconds
                        + " s from this client: try again in "
                        + d.resetSeconds()
                        + " s.");
        return true;
    }

    private static boolean exempt(HttpServletRequest req) {
        if (req.isUserInRole("staff")) return true;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        return path.startsWith("/api/v1/auth/login");
    }

    private static String client(HttpServletRequest req) {
        return Forwarding.clientKey(req);
    }

    Decision take(String policy, int quota, String client, boolean waitForShared) {
        long now = System.currentTimeMillis();
        long windowMillis = TimeUnit.SECONDS.toMillis(windowSeconds);
        String key = policy + ":" + client;
        Window w;
        long count;
        synchronized (windows) {
            w = windows.getIfPresent(key);
            if (w == null || w.endsAt <= now) {
                w = new Window(now + windowMillis);
                windows.put(key, w);
            }
            w.local++;
            count = Math.max(w.local, w.shared + 1);
        }
        long endsAt = w.endsAt;
        var commands = redis.commands();
        if (commands.isPresent()) {
            Window counted = w;
            var reply =
                    commands.get()
                            .<List<Long>>eval(
                                    COUNT,
                                    ScriptOutputType.MULTI,
                                    new String[] {"ansaf:rate:" + key},
                                    Long.toString(windowMillis));
            if (waitForShared) {
                try {
                    List<Long> r =
                            reply.toCompletableFuture()
                                    .get(REDIS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    count = Math.max(count, r.get(0));
                    if (r.get(1) > 0) endsAt = now + r.get(1);
                } catch (Exception slowOrDown) {
                    // Decided on this instance's count alone.
                }
            } else {
                reply.thenAccept(
                        r -> {
                            synchronized (windows) {
                                counted.shared = Math.max(counted.shared, r.get(0));
                            }
                        });
            }
        }
        long reset = Math.max(1, (endsAt - now + 999) / 1000);
        return new Decision(policy, quota, quota - count, reset);
    }

    @Gauge(
            name = "ansaf_rate_limited_total",
            unit = MetricUnits.NONE,
            absolute = true,
            description =
                    "API requests refused with 429 by the general rate limit on this instance")
    public long refusedTotal() {
        return refused.sum();
    }
}
