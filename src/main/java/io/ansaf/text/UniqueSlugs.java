package io.ansaf.text;

import java.util.Set;
import java.util.function.Function;

/**
 * Inserts a row under the first free slug of {@code base}, {@code base-2}, {@code base-3}, ...
 * without check-then-insert races: each attempt is its own transaction, and a unique-constraint
 * violation on the slug moves to the next candidate. {@code taken} (slugs known to exist) only
 * saves attempts; correctness comes from the constraint.
 */
public final class UniqueSlugs {
    public static final int MAX_ATTEMPTS = 200;

    private UniqueSlugs() {}

    public static <T> T insert(String base, int maxLength, Set<String> taken, Function<String, T> insert) {
        int n = 1;
        RuntimeException last = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String candidate = Slugs.withSuffix(base, n, maxLength);
            while (taken.contains(candidate)) candidate = Slugs.withSuffix(base, ++n, maxLength);
            try {
                return insert.apply(candidate);
            } catch (RuntimeException e) {
                if (!isSlugConflict(e)) throw e;
                last = e;
                n++;
            }
        }
        throw new IllegalStateException("No free slug for '" + base + "' after " + MAX_ATTEMPTS + " attempts", last);
    }

    /** Does this failure come from a unique constraint on a slug column (any database)? */
    public static boolean isSlugConflict(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage()).toLowerCase();
                if (("23505".equals(state) || "23001".equals(state)) && message.contains("slug")) return true;
            }
        }
        return false;
    }

    /** A slug for {@code text}, or {@code fallback} when the text has no letters or digits to use. */
    public static String baseFor(String text, String fallback, int maxLength) {
        String s = Slugs.slugify(text, maxLength);
        return s.isEmpty() ? fallback : s;
    }
}
