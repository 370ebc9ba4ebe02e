package io.ansaf.content;

import io.ansaf.http.EntityTags;
import io.ansaf.http.PreferenceApplied;
import io.ansaf.http.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code If-Match} precondition of the current write. Services call {@link #check} with the
 * version they loaded inside their transaction; the UPDATE that follows is guarded by the same
 * version ({@code WHERE version = ?}, JPA {@code @Version}), so comparing and writing are one
 * atomic step and two writers holding the same ETag can never both succeed.
 *
 * <p>For models that keep revisions, a stale {@code If-Match} that names a version still kept is
 * told which fields changed since then and which of those it sends too; with {@code Prefer:
 * conflict=merge} (RFC 7240) and no such field, the write is applied on top of the current version
 * instead.
 */
@RequestScoped
public class RequestPreconditions {
    static final String MERGE_PREFERENCE = "conflict=merge";

    @Inject HttpServletRequest request;

    @Inject RevisionLog revisions;

    @Inject
    @ConfigProperty(name = "ansaf.require.if-match")
    boolean requireIfMatch;

    /**
     * 409 (with the current version) unless If-Match is absent or matches; 428 when it is required
     * but absent.
     */
    public void check(ContentModel model, Object id, long currentVersion) {
        if (!satisfied(model, id, currentVersion)) throw refused(currentVersion);
    }

    /**
     * {@link #check} for any model: {@code content} is the item's content now (null for a model
     * that keeps no revisions, which is only ever checked exactly) and {@code sent} the fields the
     * request sends. Returns the base version when the write is to be merged onto the current one
     * (and marks the response {@code Preference-Applied}).
     */
    public OptionalInt check(
            ContentModel model,
            long id,
            int currentVersion,
            Map<String, Object> content,
            Set<String> sent) {
        if (satisfied(model, id, currentVersion)) return OptionalInt.empty();
        if (content == null) throw refused(currentVersion);
        OptionalLong named =
                EntityTags.namedVersion(
                        request.getHeader("If-Match"), model.key() + "-" + id + "-v");
        if (named.isEmpty() || named.getAsLong() >= currentVersion) throw refused(currentVersion);
        int base = (int) named.getAsLong();
        Optional<List<String>> changed = revisions.changedSince(model, id, base, content);
        if (changed.isEmpty()) throw refused(currentVersion);
        List<String> conflicting = changed.get().stream().filter(sent::contains).toList();
        if (conflicting.isEmpty() && !sent.isEmpty() && prefersMerge()) {
            request.setAttribute(PreferenceApplied.ATTRIBUTE, MERGE_PREFERENCE);
            return OptionalInt.of(base);
        }
        revisions.refusedConflict();
        throw ProblemException.versionConflict(currentVersion, changed.get(), conflicting);
    }

    private ProblemException refused(long currentVersion) {
        revisions.refusedConflict();
        return ProblemException.versionConflict(currentVersion);
    }

    private boolean satisfied(ContentModel model, Object id, long currentVersion) {
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            if (requireIfMatch) throw ProblemException.preconditionRequired();
            return true;
        }
        // Judged on the item's own version: the digest of what it embeds is left out
        // (ItemValidators).
        return EntityTags.ifMatchSatisfied(
                ifMatch, Versioned.tagOf(model, id, currentVersion), currentVersion);
    }

    private boolean prefersMerge() {
        var values = request.getHeaders("Prefer");
        while (values != null && values.hasMoreElements()) {
            if (PreferenceApplied.prefers(values.nextElement(), MERGE_PREFERENCE)) return true;
        }
        return false;
    }
}
