package io.ansaf.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A counter per model (post, category, comment, page, user) that every write transaction bumps
 * before it commits. List ETags are derived from these counters, so a list validator changes
 * exactly when something a list could show has changed, on every instance (the counters live in
 * the database), and checking them costs one read of a small table.
 *
 * <p>Each counter is striped over {@value #SLOTS} rows and is their sum: a write bumps one slot
 * picked at random, so concurrent writers seldom queue on the same row lock (with one row per
 * model, every write to posts waited for the previous one to commit). Every commit adds to the
 * sum, so the sum changes with every change, as the single counter did.
 */
@ApplicationScoped
public class Revisions {
    static final int SLOTS = 16;

    @PersistenceContext
    EntityManager em;

    /**
     * Bumps the counters of {@code models} in the caller's transaction (in a fixed order: no
     * deadlocks), and their {@code :public} counters too when anonymous readers could see the
     * change ({@code public}: the content was or is visible to everyone).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bump(boolean visibleToAnonymous, String... models) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(List.of(models));
        if (visibleToAnonymous) {
            for (String m : models) all.add(m + ":public");
        }
        // One slot for all of this transaction's models, taken in model order: no deadlocks.
        int slot = ThreadLocalRandom.current().nextInt(SLOTS);
        for (String model : all) {
            em.createNativeQuery("UPDATE content_revision_slots SET revision = revision + 1 WHERE model = ? AND slot = ?")
                    .setParameter(1, model).setParameter(2, slot).executeUpdate();
        }
    }

    /** The current counters of {@code models}, by model name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> of(String... models) {
        Map<String, Long> result = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT model, SUM(revision) FROM content_revision_slots GROUP BY model").getResultList();
        List<String> wanted = List.of(models);
        for (Object[] row : rows) {
            if (wanted.contains((String) row[0])) result.put((String) row[0], ((Number) row[1]).longValue());
        }
        return result;
    }
}
