package io.ansaf.content;

import io.ansaf.http.EntityTags;
import io.ansaf.http.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code If-Match} precondition of the current write. Services call {@link #check} with the
 * version they loaded inside their transaction; the UPDATE that follows is guarded by the same
 * version ({@code WHERE version = ?}, JPA {@code @Version}), so comparing and writing are one
 * atomic step and two writers holding the same ETag can never both succeed.
 */
@RequestScoped
public class RequestPreconditions {
    @Inject HttpServletRequest request;

    @Inject
    @ConfigProperty(name = "ansaf.require.if-match")
    boolean requireIfMatch;

    /**
     * 409 (with the current version) unless If-Match is absent or matches; 428 when it is required
     * but absent.
     */
    public void check(ContentModel model, Object id, long currentVersion) {
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            if (requireIfMatch) throw ProblemException.preconditionRequired();
            return;
        }
        // Judged on the item's own version: the digest of what it embeds is left out
        // (ItemValidators).
        if (!EntityTags.ifMatchSatisfied(
                ifMatch, Versioned.tagOf(model, id, currentVersion), currentVersion)) {
            throw ProblemException.versionConflict(currentVersion);
        }
    }
}
