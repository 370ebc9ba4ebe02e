package io.ansaf.content;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the revision endpoints answer ({@link RevisionReads}). */
public final class RevisionViews {
    private RevisionViews() {}

    /** Who made a revision. */
    public record RevisionAuthor(Long id, String username) {}

    /** One revision in a list: everything but its content. */
    public record RevisionSummary(
            int version,
            Instant createdAt,
            @Nullable RevisionAuthor author,
            @Schema(
                            enumeration = {
                                "created",
                                "updated",
                                "deleted",
                                "restored",
                                "published",
                                "reverted"
                            })
                    String action,
            List<String> changedFields,
            @Nullable Integer baseVersion) {}

    /** One revision with the content as of its version. */
    public record Revision(
            int version,
            Instant createdAt,
            @Nullable RevisionAuthor author,
            @Schema(
                            enumeration = {
                                "created",
                                "updated",
                                "deleted",
                                "restored",
                                "published",
                                "reverted"
                            })
                    String action,
            List<String> changedFields,
            @Nullable Integer baseVersion,
            Map<String, Object> data) {}

    /** A DRF page of revisions, newest first. */
    public record RevisionPage(
            long count,
            @Nullable String next,
            @Nullable String previous,
            List<RevisionSummary> results) {}

    /** One field's values in two versions. */
    public record FieldChange(@Nullable Object from, @Nullable Object to) {}

    /** The fields that differ between two kept versions. */
    public record RevisionDiff(
            @Nullable Integer fromVersion, int toVersion, Map<String, FieldChange> fields) {}

    static RevisionSummary summary(RevisionLog.Entry e) {
        return new RevisionSummary(
                e.version(),
                e.createdAt(),
                author(e),
                e.action(),
                e.changedFields(),
                e.baseVersion());
    }

    static Revision full(RevisionLog.Entry e) {
        return new Revision(
                e.version(),
                e.createdAt(),
                author(e),
                e.action(),
                e.changedFields(),
                e.baseVersion(),
                e.data());
    }

    private static RevisionAuthor author(RevisionLog.Entry e) {
        return e.authorId() == null ? null : new RevisionAuthor(e.authorId(), e.authorUsername());
    }
}
