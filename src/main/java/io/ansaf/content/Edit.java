package io.ansaf.content;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a write says about itself to {@link Writes}: the fields its request sends (a stale {@code
 * If-Match} can be merged only when none of them changed meanwhile) and the revision action when it
 * is not decided by the change itself ({@code restored}, {@code reverted}).
 */
public record Edit(String action, Set<String> sent) {
    /** A change whose request names no fields: never merged, action from the change. */
    public static final Edit UPDATE = new Edit(null, Set.of());

    public static Edit sending(Set<String> fields) {
        return new Edit(null, Set.copyOf(fields));
    }

    public static Edit as(String action) {
        return new Edit(action, Set.of());
    }

    /** {@code published} when the status became {@code published}, else {@code updated}. */
    static String actionOf(Map<String, Object> before, Map<String, Object> after) {
        boolean nowPublished = "published".equals(after.get("status"));
        return nowPublished && !Objects.equals(before.get("status"), after.get("status"))
                ? "published"
                : "updated";
    }
}
