package io.ansaf.content;

import io.ansaf.content.RevisionViews.FieldChange;
import io.ansaf.content.RevisionViews.RevisionDiff;
import io.ansaf.content.RevisionViews.RevisionPage;
import io.ansaf.http.EntityTags;
import io.ansaf.http.ListParams;
import io.ansaf.http.PageOf;
import io.ansaf.http.PageRequest;
import io.ansaf.http.ProblemException;
import io.ansaf.platform.VersionedEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The read side of revisions, the same for every model that keeps them: who may read an item's
 * history (its author and staff: anonymous {@code 401}, others {@code 403} when they can see the
 * item and {@code 404} when not), the DRF list newest first, one revision, and the diff of two.
 * Revisions never change once written, so one's {@code ETag} is its version, and a list's moves
 * with the item's version (every new or pruned revision comes with one).
 */
@ApplicationScoped
@Transactional
public class RevisionReads {
    @PersistenceContext EntityManager em;

    @Inject RevisionLog log;

    /**
     * {@code item} as loaded for {@code caller} (a null item: not found); {@code 401}/{@code 403}
     * /{@code 404} unless the caller may read its history.
     */
    public <E extends VersionedEntity> E requireMayRead(
            ContentKind<E> kind, Caller caller, E item, Object idForProblem) {
        Permissions.requireAuthenticated(caller);
        if (item == null || !kind.canRead(caller, item))
            throw ProblemException.notFound(kind.model().key(), idForProblem);
        if (!caller.owns(kind.ownerId(item)))
            throw ProblemException.forbidden(
                    "Only the author and staff may read the revisions of this "
                            + kind.model().key()
                            + ".");
        return item;
    }

    public <E extends VersionedEntity> Response list(
            ContentKind<E> kind, E item, ListParams params, HttpHeaders headers) {
        String tag =
                Conditional.listTag(
                        "revisions",
                        kind.model().key(),
                        String.valueOf(item.id()),
                        String.valueOf(item.version()),
                        params.requestUri().getRawQuery());
        if (EntityTags.notModified(headers.getHeaderString("If-None-Match"), tag))
            return Response.notModified().header("ETag", tag).build();
        long count = log.count(kind.model(), item.id());
        PageRequest page = params.page().resolve(count);
        var results =
                log.summaries(kind.model(), item.id(), page.offset(), page.size()).stream()
                        .map(RevisionViews::summary)
                        .toList();
        PageOf<?> of = PageOf.of(count, results, page, params.requestUri());
        return Response.ok(new RevisionPage(of.count(), of.next(), of.previous(), results))
                .header("ETag", tag)
                .build();
    }

    public <E extends VersionedEntity> Response one(
            ContentKind<E> kind, E item, int version, HttpHeaders headers) {
        String tag = revisionTag(kind, item, version);
        RevisionLog.Entry e = entry(kind, item, version);
        if (EntityTags.notModified(headers.getHeaderString("If-None-Match"), tag))
            return Response.notModified().header("ETag", tag).build();
        return Response.ok(RevisionViews.full(e)).header("ETag", tag).build();
    }

    /**
     * The fields that differ from version {@code against} (default: the kept version before) to
     * {@code version}; a bad or unkept {@code against} is a {@code 400}.
     */
    public <E extends VersionedEntity> Response diff(
            ContentKind<E> kind, E item, int version, String against) {
        RevisionLog.Entry to = entry(kind, item, version);
        RevisionLog.Entry from;
        if (against == null || against.isBlank()) {
            from = previous(kind, item, version);
        } else {
            if (!against.strip().matches("\\d{1,9}"))
                throw ProblemException.invalid("against", "A valid integer is required.");
            from =
                    log.find(kind.model(), item.id(), Integer.parseInt(against.strip()))
                            .orElseThrow(
                                    () ->
                                            ProblemException.invalid(
                                                    "against",
                                                    "No revision "
                                                            + against.strip()
                                                            + " of this "
                                                            + kind.model().key()
                                                            + " is kept."));
        }
        Map<String, FieldChange> fields = new LinkedHashMap<>();
        Set<String> names = new java.util.LinkedHashSet<>(to.data().keySet());
        if (from != null) names.addAll(from.data().keySet());
        for (String f : names) {
            Object a = from == null ? null : from.data().get(f);
            Object b = to.data().get(f);
            if (from == null || !Objects.equals(a, b)) fields.put(f, new FieldChange(a, b));
        }
        return Response.ok(
                        new RevisionDiff(
                                from == null ? null : from.version(), to.version(), fields))
                .header(
                        "ETag",
                        Conditional.listTag(
                                "diff",
                                revisionTag(kind, item, version),
                                from == null ? "-" : String.valueOf(from.version())))
                .build();
    }

    /** The content of a kept revision, for a revert; {@code 404} when it is not kept. */
    public <E extends VersionedEntity> Map<String, Object> content(
            ContentKind<E> kind, E item, int version) {
        return entry(kind, item, version).data();
    }

    private <E extends VersionedEntity> RevisionLog.Entry entry(
            ContentKind<E> kind, E item, int version) {
        return log.find(kind.model(), item.id(), version)
                .orElseThrow(
                        () -> ProblemException.notFound(kind.model().key() + " revision", version));
    }

    private <E extends VersionedEntity> RevisionLog.Entry previous(
            ContentKind<E> kind, E item, int version) {
        return log.findBefore(kind.model(), item.id(), version).orElse(null);
    }

    private static String revisionTag(ContentKind<?> kind, VersionedEntity item, int version) {
        return EntityTags.strong(kind.model().key() + "-" + item.id() + "-r" + version);
    }
}
