package io.ansaf.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A counter per model (post, category, comment, page, user) that every write transaction bumps
 * before it commits. List ETags are derived from these counters, so a list validator changes
 * exactly when something a list could show has changed, on every instance (the counters live in
 * the database), and checking one costs a single indexed read of a five-row table.
 */
@ApplicationScoped
public class Revisions {
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
        for (String model : all) {
            em.createNativeQuery("UPDATE content_revisions SET revision = revision + 1 WHERE model = ?")
                    .setParameter(1, model).executeUpdate();
        }
    }

    /** The current counters of {@code models}, by model name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> of(String... models) {
        Map<String, Long> result = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT model, revision FROM content_revisions").getResultList();
        List<String> wanted = List.of(models);
        for (Object[] row : rows) {
            if (wanted.contains((String) row[0])) result.put((String) row[0], ((Number) row[1]).longValue());
        }
        return result;
    }
}
