package io.ansaf.blog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a batch of view increments in one transaction (ids in order, so flushes never deadlock).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class ViewFlusher {
    @PersistenceContext EntityManager em;

    void write(Map<Long, Long> increments) {
        for (Map.Entry<Long, Long> e : new TreeMap<>(increments).entrySet()) {
            em.createNativeQuery("UPDATE posts SET view_count = view_count + ? WHERE id = ?")
                    .setParameter(1, e.getValue())
                    .setParameter(2, e.getKey())
                    .executeUpdate();
        }
    }
}
