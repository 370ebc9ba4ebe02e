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
import java.util.Map;
import java.util.OptionalInt;
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
 *   <li>for models that keep revisions, store the new version's revision ({@link RevisionLog});
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

    @Inject ModelCounters counters;

    @Inject Event<ContentChanged> changes;

    @Inject RevisionLog revisionLog;

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
        Map<String, Object> content = kind.revisionContent(item);
        if (content != null)
            recordRevision(kind, item, "created", null, content, kind.ownerId(item), null);
        changed(kind, "created", item, Audience.NOBODY, kind.audience(item), view);
        return view;
    }

    /** Changes the item with {@code id}: steps 1 to 6. */
    public <E extends VersionedEntity> Object update(
            ContentKind<E> kind, Caller caller, long id, Consumer<E> change) {
        return update(kind, caller, visible(kind, caller, id), Edit.UPDATE, change);
    }

    /** Changes the item with {@code id} as {@code edit} says. */
    public <E extends VersionedEntity> Object update(
            ContentKind<E> kind, Caller caller, long id, Edit edit, Consumer<E> change) {
        return update(kind, caller, visible(kind, caller, id), edit, change);
    }

    /**
     * The slug a reverted item takes: {@code wanted} when no other item of {@code entity} holds it,
     * else the first free {@code wanted-N}, as a create would pick ({@code own} is the item's
     * current slug, which it may keep).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String freeSlug(Class<?> entity, String wanted, String own, int maxLength) {
        Set<String> taken = takenSlugs(entity, wanted);
        taken.remove(own);
        return UniqueSlugs.firstFree(wanted, maxLength, taken);
    }

    /** Changes an item the model has already loaded as {@code caller} may see it: steps 2 to 6. */
    public <E extends VersionedEntity> Object update(
            ContentKind<E> kind, Caller caller, E item, Consumer<E> change) {
        return update(kind, caller, item, Edit.UPDATE, change);
    }

    /**
     * Changes an item as {@code edit} says: which fields the request sends (for mergeable
     * conflicts) and which revision action it is when not a plain update.
     */
    public <E extends VersionedEntity> Object update(
            ContentKind<E> kind, Caller caller, E item, Edit edit, Consumer<E> change) {
        kind.requireMayChange(caller, item);
        Map<String, Object> before = kind.revisionContent(item);
        int versionBefore = item.version();
        OptionalInt mergedFrom =
                preconditions.check(kind.model(), item.id(), versionBefore, before, edit.sent());
        Audience audienceBefore = kind.audience(item);
        change.accept(item);
        flush(kind);
        Object view = kind.view(item);
        if (before != null && item.version() != versionBefore) {
            Map<String, Object> after = kind.revisionContent(item);
            recordRevision(
                    kind,
                    item,
                    edit.action() != null ? edit.action() : Edit.actionOf(before, after),
                    before,
                    after,
                    caller.id(),
                    mergedFrom.isPresent() ? mergedFrom.getAsInt() : null);
        }
        changed(kind, "updated", item, audienceBefore, kind.audience(item), view);
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
        int versionBefore = item.version();
        remove.accept(item);
        flush(kind);
        Map<String, Object> content = kind.revisionContent(item);
        if (content != null && item.version() != versionBefore)
            recordRevision(kind, item, "deleted", content, content, caller.id(), null);
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

    /** Step 6: the revision of the version {@code item} now has, in the write's transaction. */
    private <E extends VersionedEntity> void recordRevision(
            ContentKind<E> kind,
            E item,
            String action,
            Map<String, Object> before,
            Map<String, Object> after,
            Long by,
            Integer mergedFrom) {
        revisionLog.record(
                kind.model(), item.id(), item.version(), action, before, after, by, mergedFrom);
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
        counters.bump(before.everyone() || after.everyone(), moved);
    }
}
