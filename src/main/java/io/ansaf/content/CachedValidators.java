package io.ansaf.content;

import io.ansaf.http.EarlyAnswer;
import io.ansaf.http.EntityTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * The validators ({@code ETag}, {@code Last-Modified}) of single resources as anonymous clients see
 * them, kept in memory so that a conditional {@code GET} that matches is answered {@code 304} by a
 * servlet filter: no JAX-RS, no transaction, no query.
 *
 * <p>Correctness rests on three things:
 *
 * <ul>
 *   <li>every committed content change clears the cache: this instance's own changes right after
 *       commit (before the writer gets its response), other instances' as they arrive through
 *       Redis;
 *   <li>while the Redis subscription is down the cache is not used, and it is cleared when the
 *       subscription comes back ({@link Resync}), since changes published meanwhile are lost;
 *   <li>an entry lives at most {@code ansaf.http.cached-validators.seconds} (default 5 s; 0 turns
 *       the cache off), which bounds what a change made behind the API's back (SQL by hand) can
 *       leave.
 * </ul>
 *
 * A response whose request started before the last clear is not remembered (the epoch check), so a
 * read that raced a write can never put the old validators back after the clear.
 *
 * <p>Only anonymous requests (no session cookie) use it: what a signed-in user may see depends on
 * who they are, and their answers are {@code private} anyway.
 */
@ApplicationScoped
public class CachedValidators implements EarlyAnswer {
    /**
     * Request attributes: the epoch when the request arrived, and its cache key (null: not
     * cacheable).
     */
    static final String EPOCH = "ansaf.validators.epoch";

    static final String KEY = "ansaf.validators.key";

    /**
     * Request attribute a resource may set: what a cached {@code 304} must still do (count a view).
     */
    public static final String ON_HIT = "ansaf.validators.onHit";

    private static final int MAX_ENTRIES = 10_000;

    record Entry(
            String etag,
            Instant lastModified,
            String lastModifiedHeader,
            Runnable onHit,
            long expiresAt) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final LongAdder hits = new LongAdder();

    @Inject
    @ConfigProperty(name = "ansaf.http.cached-validators.seconds")
    int seconds;

    @Inject ChangeFeed feed;

    /**
     * Called first thing for every API request. For an anonymous GET or HEAD while the cache is
     * usable, notes when it arrived and its key (so its answer can be remembered), and answers it
     * {@code 304} when it is conditional and matches; true when it was answered.
     */
    @Override
    public boolean answer(HttpServletRequest req, HttpServletResponse res) {
        String method = req.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) return false;
        if (!anonymous(req.getHeader("Cookie")) || !usable()) return false;
        String key = key(req);
        req.setAttribute(EPOCH, epoch.get());
        req.setAttribute(KEY, key);
        String inm = req.getHeader("If-None-Match");
        String ims = inm == null ? req.getHeader("If-Modified-Since") : null;
        if (inm == null && ims == null) return false;
        Entry e = entries.get(key);
        if (e == null) return false;
        if (System.nanoTime() - e.expiresAt > 0) {
            entries.remove(key, e);
            return false;
        }
        if (!EntityTags.matches(inm, ims, e.etag, e.lastModified)) return false;
        if (e.onHit != null) e.onHit.run();
        hits.increment();
        res.setStatus(304);
        res.setHeader("ETag", e.etag);
        res.setHeader("Last-Modified", e.lastModifiedHeader);
        res.setHeader("Cache-Control", ValidatorsFilter.PUBLIC_CACHE_CONTROL);
        res.setHeader("Vary", ValidatorsFilter.VARY);
        return true;
    }

    /**
     * Remembers what a public single-resource response served, unless a change was committed since
     * the request arrived.
     */
    void remember(ContainerRequestContext request, String etag, Instant lastModified) {
        if (lastModified == null
                || !(request.getProperty(KEY) instanceof String key)
                || !(request.getProperty(EPOCH) instanceof Long arrived)
                || epoch.get() != arrived
                || !usable()) return;
        if (entries.size() >= MAX_ENTRIES) entries.clear();
        Runnable onHit = request.getProperty(ON_HIT) instanceof Runnable r ? r : null;
        Entry e =
                new Entry(
                        etag,
                        lastModified,
                        EntityTags.httpDate(lastModified),
                        onHit,
                        System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
        entries.put(key, e);
        // Cleared while we were putting? Then what we put may be old: take it back out.
        if (epoch.get() != arrived) entries.remove(key, e);
    }

    /** Gauges register when their bean is created; create this one at start-up. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        hits();
    }

    @Gauge(
            name = "ansaf_cached_validator_hits",
            unit = MetricUnits.NONE,
            absolute = true,
            description =
                    "Conditional GETs answered 304 from cached validators, without the database")
    public long hits() {
        return hits.sum();
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentChanged change) {
        clear();
    }

    void resubscribed(@Observes Resync resync) {
        clear();
    }

    private void clear() {
        epoch.incrementAndGet();
        entries.clear();
    }

    private boolean usable() {
        return seconds > 0 && feed.seesEveryChange();
    }

    private static boolean anonymous(String cookie) {
        return cookie == null || !cookie.contains("JSESSIONID");
    }

    private static String key(HttpServletRequest req) {
        String query = req.getQueryString();
        return query == null ? req.getRequestURI() : req.getRequestURI() + '?' + query;
    }
}
