package io.ansaf.text;

import io.ansaf.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Inserts a row under the first free slug of {@code base}, {@code base-2}, {@code base-3}, ...
 * without check-then-insert races: each attempt is its own transaction, and a unique-constraint
 * violation on the slug moves to the next candidate. {@code taken} (slugs known to exist) only
 * saves attempts; correctness comes from the constraint. It also holds the site's choice of slug
 * form ({@code ansaf.slug.unicode}): every slug, derived from a title or sent by a client, of every
 * model, is made here, so posts, pages and categories follow the same rule.
 */
@ApplicationScoped
public class UniqueSlugs {
    public static final int MAX_ATTEMPTS = 200;

    @Inject
    @ConfigProperty(name = "ansaf.slug.unicode")
    boolean unicode;

    /** The form of this site's slugs. */
    public Slugs.Form form() {
        return unicode ? Slugs.Form.UNICODE : Slugs.Form.ASCII;
    }

    public static <T> T insert(
            String base, int maxLength, Set<String> taken, Function<String, T> insert) {
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
        throw new IllegalStateException(
                "No free slug for '" + base + "' after " + MAX_ATTEMPTS + " attempts", last);
    }

    /**
     * The first of {@code base}, {@code base-2}, {@code base-3}, ... that is not in {@code taken}:
     * for an item that takes back a slug of its own (a revert) inside its write's transaction,
     * where the unique key then guards the pick.
     */
    public static String firstFree(String base, int maxLength, Set<String> taken) {
        String candidate = base;
        for (int n = 2; taken.contains(candidate); n++)
            candidate = Slugs.withSuffix(base, n, maxLength);
        return candidate;
    }

    /** Does this failure come from a unique constraint on a slug column (any database)? */
    public static boolean isSlugConflict(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage()).toLowerCase();
                if (("23505".equals(state) || "23001".equals(state)) && message.contains("slug"))
                    return true;
            }
        }
        return false;
    }

    /**
     * Creates a resource under the client's {@code requested} slug, made into the site's form (a
     * taken one is a 400 on {@code slug}), or under the first free slug derived from {@code text}.
     */
    public <T> T create(
            String requested,
            String text,
            String model,
            int maxLength,
            Function<String, Set<String>> takenSlugs,
            Function<String, T> insert) {
        if (requested != null) {
            String slug = requested(requested, maxLength);
            try {
                return insert.apply(slug);
            } catch (RuntimeException e) {
                if (isSlugConflict(e))
                    throw ProblemException.invalid(
                            "slug", model + " with this slug already exists.");
                throw e;
            }
        }
        String base = baseFor(HtmlSanitizer.plainText(text), model, maxLength);
        return insert(base, maxLength, takenSlugs.apply(base), insert);
    }

    /**
     * A slug for {@code text}, or {@code fallback} when the text has no letters or digits to use.
     */
    public String baseFor(String text, String fallback, int maxLength) {
        String s = Slugs.slugify(text, maxLength, form());
        return s.isEmpty() ? fallback : s;
    }

    /**
     * A slug a client sent (already of {@link Slugs#CLIENT_SHAPE}, checked on the input record),
     * made into the site's form the way a title is: {@code مرحبا-بالعالم} becomes {@code
     * mrhba-balalm} on an ASCII site. A 400 on {@code slug} when nothing of it is left.
     */
    public String requested(String slug, int maxLength) {
        String s = Slugs.slugify(slug, maxLength, form());
        if (s.isEmpty()) throw ProblemException.invalid("slug", Slugs.INVALID_MESSAGE);
        return s;
    }
}
