package io.ansaf.content;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A counter per model (post, category, comment, page, user) that every write transaction bumps
 * before it commits. List ETags are derived from these counters, so a list validator changes
 * exactly when something a list could show has changed, on every instance (the counters live in the
 * database), and checking them costs one read of a small table.
 *
 * <p>Each counter is striped over {@value #SLOTS} rows and is their sum: a write bumps one slot
 * picked at random, so concurrent writers seldom queue on the same row lock (with one row per
 * model, every write to posts waited for the previous one to commit). Every commit adds to the sum,
 * so the sum changes with every change, as the single counter did.
 *
 * <p>The same counters stand for what a single item embeds ({@link EmbeddedState}): a post's
 * validators carry a digest of the {@code user}, {@code category} and {@code comment} counters, so
 * renaming its author or approving a comment moves its ETag, and each slot records when it last
 * moved, for Last-Modified.
 */
@ApplicationScoped
public class ModelCounters implements EmbeddedState {
    static final int SLOTS = 16;

    @PersistenceContext EntityManager em;

    /**
     * Bumps the counters of {@code models} in the caller's transaction (in a fixed order: no
     * deadlocks), and their {@code :public} counters too when anonymous readers could see the
     * change ({@code public}: the content was or is visible to everyone).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bump(boolean visibleToAnonymous, ContentModel... models) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>();
        for (ContentModel m : models) {
            all.add(m.all().key());
            if (visibleToAnonymous) all.add(m.visibleToAnonymous().key());
        }
        // One slot for all of this transaction's models, taken in model order: no deadlocks.
        int slot = ThreadLocalRandom.current().nextInt(SLOTS);
        for (String model : all) {
            em.createNativeQuery(
                            "UPDATE content_revision_slots SET revision = revision + 1, changed_at = CURRENT_TIMESTAMP WHERE model = ? AND slot = ?")
                    .setParameter(1, model)
                    .setParameter(2, slot)
                    .executeUpdate();
        }
    }

    /**
     * Every counter's sum and last change, from one read of the small slot table: what the
     * validators of an item that shows some of them are made of.
     */
    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Snapshot snapshot() {
        long seen = epoch.get();
        Remembered r = remembered;
        if (r != null
                && r.epoch == seen
                && System.nanoTime() - r.expiresAt < 0
                && feed.seesEveryChange()) {
            return r.snapshot;
        }
        Snapshot read = read();
        // Changed while we read? Then what we read may be old: use it for this request only.
        if (seconds > 0 && epoch.get() == seen) {
            remembered =
                    new Remembered(
                            seen, read, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
        }
        return read;
    }

    /**
     * The last snapshot read, shared by the requests that follow until a change commits on this
     * instance (cleared after commit, before the writer is answered), arrives from another one
     * through Redis, or {@code ansaf.http.cached-validators.seconds} pass; not used while the Redis
     * subscription is down. Reads then cost no query for the validators' embedded part.
     */
    private record Remembered(long epoch, Snapshot snapshot, long expiresAt) {}

    private final AtomicLong epoch = new AtomicLong();
    private volatile Remembered remembered;

    @Inject
    @ConfigProperty(name = "ansaf.http.cached-validators.seconds")
    int seconds;

    @Inject ChangeFeed feed;

    /** Every committed change, this instance's (after commit) and other instances' (inbound). */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentChanged change) {
        forget();
    }

    void resubscribed(@Observes Resync resync) {
        forget();
    }

    private void forget() {
        epoch.incrementAndGet();
        remembered = null;
    }

    private Snapshot read() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT model, SUM(revision), MAX(changed_at) FROM content_revision_slots GROUP BY model")
                        .getResultList();
        Map<String, Long> sums = new TreeMap<>();
        Map<String, Instant> changed = new HashMap<>();
        for (Object[] row : rows) {
            sums.put((String) row[0], ((Number) row[1]).longValue());
            Instant t = instant(row[2]);
            if (t != null) changed.put((String) row[0], t);
        }
        return models -> {
            Map<String, Long> counters = new TreeMap<>();
            Instant changedAt = null;
            for (ContentModel.Counter counter : models) {
                String model = counter.key();
                counters.put(model, sums.getOrDefault(model, 0L));
                Instant t = changed.get(model);
                if (t != null && (changedAt == null || t.isAfter(changedAt))) changedAt = t;
            }
            return new State(digest(counters.toString()), changedAt);
        };
    }

    private static Instant instant(Object value) {
        if (value == null) return null;
        if (value instanceof Instant i) return i;
        if (value instanceof OffsetDateTime o) return o.toInstant();
        if (value instanceof java.sql.Timestamp t) return t.toInstant();
        if (value instanceof java.time.ZonedDateTime z) return z.toInstant();
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

    /** 40 bits of SHA-256: a counter moving changes it, and it stays short in the ETag. */
    static String digest(String text) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The current values of {@code counters}, by name: what a list ETag is made of. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> of(List<ContentModel.Counter> counters) {
        List<String> wanted = counters.stream().map(ContentModel.Counter::key).toList();
        Map<String, Long> result = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT model, SUM(revision) FROM content_revision_slots GROUP BY model")
                        .getResultList();
        for (Object[] row : rows) {
            if (wanted.contains((String) row[0]))
                result.put((String) row[0], ((Number) row[1]).longValue());
        }
        return result;
    }
}
