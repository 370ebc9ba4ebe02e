package io.ansaf.text;

import io.ansaf.http.ProblemException;
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

    /**
     * Creates a resource under the client's {@code requested} slug (a taken one is a 400 on
     * {@code slug}), or under the first free slug derived from {@code text}.
     */
    public static <T> T create(String requested, String text, String model, int maxLength,
            Function<String, Set<String>> takenSlugs, Function<String, T> insert) {
        if (requested != null) {
            try {
                return insert.apply(requested);
            } catch (RuntimeException e) {
                if (isSlugConflict(e)) throw ProblemException.invalid("slug", model + " with this slug already exists.");
                throw e;
            }
        }
        String base = baseFor(HtmlSanitizer.plainText(text), model, maxLength);
        return insert(base, maxLength, takenSlugs.apply(base), insert);
    }

    /** A slug for {@code text}, or {@code fallback} when the text has no letters or digits to use. */
    public static String baseFor(String text, String fallback, int maxLength) {
        String s = Slugs.slugify(text, maxLength);
        return s.isEmpty() ? fallback : s;
    }
}
