package io.ansaf.content;

import io.ansaf.http.ProblemException;
import io.ansaf.platform.VersionedEntity;
import io.ansaf.text.UniqueSlugs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The write pipeline every model goes through, in the caller's transaction:
 *
 * <ol>
 *   <li>load what the caller may see ({@code 404} otherwise);
 *   <li>check permission ({@code 401}/{@code 403});
 *   <li>check {@code If-Match} against the item's own version ({@code 409}, {@code 428});
 *   <li>let the model merge, validate and apply the change;
 *   <li>flush, which the JPA {@code @Version} check guards (a lost race is {@code 409} too), and
 *       which turns a unique-slug violation into a {@code 400} on {@code slug};
 *   <li>fire {@link ContentChanged} (delivered to the change feed, the cached validators and
 *       whoever else observes it only after commit) and move the revision counters, last, since
 *       their row lock is held until commit.
 * </ol>
 *
 * A model gets all of this by declaring a {@link ContentKind}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Writes {
    @PersistenceContext EntityManager em;

    @Inject RequestPreconditions preconditions;

    @Inject Revisions revisions;

    @Inject Event<ContentChanged> changes;

    /**
     * The slugs of {@code entity} that are {@code base} or {@code base-N}, which a new item must
     * avoid (at most 1,000: past them the unique key and a retry decide; see UniqueSlugs).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> takenSlugs(Class<?> entity, String base) {
        String name = em.getMetamodel().entity(entity).getName();
        return new HashSet<>(
                em.createQuery(
                                "select e.slug from "
                                        + name
                                        + " e where e.slug = :b or e.slug like :p",
                                String.class)
                        .setParameter("b", base)
                        .setParameter("p", base + "-%")
                        .setMaxResults(1000)
                        .getResultList());
    }

    /** The item with {@code id} as {@code caller} may see it, or {@code 404}. */
    public <E extends VersionedEntity> E visible(ContentKind<E> kind, Caller caller, long id) {
        E item = em.find(kind.entity(), id);
        if (item == null || !kind.canRead(caller, item))
            throw ProblemException.notFound(kind.model().key(), id);
        return item;
    }

    /**
     * Stores a new item built by the model; returns its view. A slug conflict escapes as the
     * persistence exception it is, for {@link UniqueSlugs} to retry with the next free slug.
     */
    public <E extends VersionedEntity> Object create(ContentKind<E> kind, E item) {
        em.persist(item);
        em.flush();
        // Database defaults and generated columns, as a later read would see them.
        em.refresh(item);
        Object view = kind.view(item);
        changed(kind, "created", item, Audience.NOBODY, kind.audience(item), view);
        return view;
    }

    /** Changes the item with {@code id}: steps 1 to 6. */
    public <E extends VersionedEntity> Object update(
            ContentKind<E> kind, Caller caller, long id, Consumer<E> change) {
        return update(kind, caller, visible(kind, caller, id), change);
    }

    /** Changes an item the model has already loaded as {@code caller} may see it: steps 2 to 6. */
    public <E extends VersionedEntity> Object update(
            ContentKind<E> kind, Caller caller, E item, Consumer<E> change) {
        kind.requireMayChange(caller, item);
        preconditions.check(kind.model(), item.id(), item.version());
        Audience before = kind.audience(item);
        change.accept(item);
        flush(kind);
        Object view = kind.view(item);
        changed(kind, "updated", item, before, kind.audience(item), view);
        return view;
    }

    /**
     * Deletes (for most models: marks deleted) an item the caller may see; {@code alsoMoved} names
     * other models whose lists the removal changes.
     */
    public <E extends VersionedEntity> void delete(
            ContentKind<E> kind,
            Caller caller,
            E item,
            Consumer<E> remove,
            ContentModel... alsoMoved) {
        kind.requireMayChange(caller, item);
        if (kind.deleted(item))
            throw ProblemException.notFound(kind.model().key(), kind.eventId(item));
        preconditions.check(kind.model(), item.id(), item.version());
        Audience before = kind.audience(item);
        remove.accept(item);
        flush(kind);
        changed(kind, "deleted", item, before, Audience.NOBODY, null, alsoMoved);
    }

    /**
     * Flushes now, a slug conflict becoming a {@code 400} on {@code slug}; before SQL that needs
     * the row written.
     */
    public void flush(ContentKind<?> kind) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (UniqueSlugs.isSlugConflict(e)) {
                throw ProblemException.invalid(
                        "slug", kind.model().key() + " with this slug already exists.");
            }
            throw e;
        }
    }

    private <E extends VersionedEntity> void changed(
            ContentKind<E> kind,
            String action,
            E item,
            Audience before,
            Audience after,
            Object view,
            ContentModel... alsoMoved) {
        changes.fire(
                ContentChanged.of(kind.model(), action, kind.eventId(item), view, before, after));
        ContentModel[] moved =
                Stream.concat(Stream.of(kind.model()), Stream.of(alsoMoved))
                        .toArray(ContentModel[]::new);
        revisions.bump(before.everyone() || after.everyone(), moved);
    }
}
