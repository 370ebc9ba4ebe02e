package io.ansaf.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;
import org.hibernate.StaleObjectStateException;

/**
 * Reads the committed version of an entity whose write lost an optimistic-locking race, so that the
 * 409 can tell the client which version to fetch ({@code current_version}).
 */
@ApplicationScoped
public class CurrentVersions {
    private static final Logger LOG = Logger.getLogger(CurrentVersions.class.getName());

    @PersistenceContext EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long of(Throwable conflict) {
        try {
            Object entity = null;
            Object id = null;
            String entityName = null;
            for (Throwable t = conflict; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof StaleObjectStateException s) {
                    entityName = s.getEntityName();
                    id = s.getIdentifier();
                }
                if (t instanceof OptimisticLockException o && o.getEntity() != null) {
                    entity = o.getEntity();
                }
            }
            Class<?> type =
                    entity != null
                            ? entity.getClass()
                            : entityName != null
                                    ? Class.forName(
                                            entityName,
                                            false,
                                            CurrentVersions.class.getClassLoader())
                                    : null;
            if (entity != null && id == null) {
                id = em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(entity);
            }
            if (type == null || id == null) return 0;
            String jpql =
                    "select e.version from "
                            + em.getMetamodel().entity(type).getName()
                            + " e where e.id = :id";
            Number v = (Number) em.createQuery(jpql).setParameter("id", id).getSingleResult();
            return v.longValue();
        } catch (Exception e) {
            LOG.fine(() -> "Cannot read the current version after a conflict: " + e);
            return 0;
        }
    }
}
