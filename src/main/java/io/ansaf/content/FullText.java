package io.ansaf.content;

import io.ansaf.http.JsonbConfiguration;
import io.ansaf.http.Jsonp;
import io.ansaf.http.ProblemException;
import io.ansaf.text.Headline;
import io.ansaf.text.Stemmer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ranked full-text search ({@code ?q=} on posts and pages), in websearch syntax: words (all must
 * occur), {@code "quoted phrases"}, {@code -excluded} words and {@code or}.
 *
 * <ul>
 *   <li>On PostgreSQL, a weighted {@code tsvector} (title A, excerpt B, body text C; migration V6)
 *       with a GIN index answers {@code websearch_to_tsquery}, ranked by {@code ts_rank}.
 *   <li>On H2, which has no text search, each word's stem (the same Snowball stemmer) must start a
 *       whole word of the title, excerpt or body text ({@code REGEXP_LIKE}), and a phrase's stems
 *       must follow each other; the rank adds 1.0 for a word in the title, 0.4 in the excerpt and
 *       0.2 in the body (PostgreSQL's default weights for A, B and C), averaged over the query's
 *       words.
 * </ul>
 *
 * <p>Ranking every match of a common word is what makes search slow at scale, so relevance orders a
 * bounded candidate set: the newest {@code ansaf.search.candidates} matches (in the list's default
 * order), ranked; the matches after them follow in that default order, so every page and the count
 * stay consistent. The headline is made here, for both databases, from the plain text: every word
 * whose stem the query names is wrapped in {@code <mark>}, everything else is HTML-escaped.
 */
@ApplicationScoped
public class FullText {
    static final int MAX_CHARS = 1000;
    static final int MAX_WORDS = 32;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    @Inject
    @ConfigProperty(name = "ansaf.search.language")
    String language;

    @Inject
    @ConfigProperty(name = "ansaf.search.candidates")
    int candidates;

    private final java.util.concurrent.atomic.LongAdder searches =
            new java.util.concurrent.atomic.LongAdder();

    @org.eclipse.microprofile.metrics.annotation.Gauge(
            name = "ansaf_searches_total",
            unit = org.eclipse.microprofile.metrics.MetricUnits.NONE,
            absolute = true,
            description = "Ranked searches (?q=) of posts and pages answered by this instance")
    public long searchesTotal() {
        return searches.sum();
    }

    /** The columns a model is searched in ({@code excerpt} null when it has none). */
    public record Fields(String table, String alias, String excerpt) {
        String title() {
            return alias + ".title";
        }

        String bodyText() {
            return alias + ".body_text";
        }

        String vector() {
            return alias + ".search_vector";
        }
    }

    public static final Fields POSTS = new Fields("posts", "p", "p.excerpt");
    public static final Fields PAGES = new Fields("pages", "g", null);

    /** A word or a phrase of the query, perhaps excluded. */
    record Term(List<String> words, boolean excluded) {}

    /** A parsed query: alternatives ({@code or}) of terms that must all hold. */
    public record Search(String text, List<List<Term>> alternatives) {
        /**
         * The query in websearch syntax again, as parsed: what PostgreSQL is given, so that both
         * databases answer the same query (an alternative of exclusions only, which would match
         * nearly everything, is left out on both).
         */
        String websearch() {
            List<String> any = new ArrayList<>();
            for (List<Term> all : alternatives) {
                List<String> each = new ArrayList<>();
                for (Term t : all) {
                    String words = String.join(" ", t.words());
                    each.add(
                            (t.excluded() ? "-" : "")
                                    + (t.words().size() > 1 ? '"' + words + '"' : words));
                }
                any.add(String.join(" ", each));
            }
            return String.join(" or ", any);
        }

        /** Every word the query looks for (not the excluded ones). */
        List<String> wanted() {
            List<String> out = new ArrayList<>();
            for (List<Term> all : alternatives)
                for (Term t : all) if (!t.excluded()) out.addAll(t.words());
            return out;
        }
    }

    /**
     * A result's relevance and headline: the {@code search} of a post or page found by {@code ?q=}
     * (the headline is plain text with {@code <mark>} around the matches, all else HTML-escaped).
     */
    public record SearchHit(double rank, String headline) {}

    /** What an item's headline is made from. */
    public record Texts(String title, String excerpt, String bodyText) {
        /** Where a headline is looked for first: the body, then the excerpt, then the title. */
        List<String> inOrder() {
            return java.util.Arrays.asList(bodyText, excerpt, title);
        }
    }

    /** The query in {@code q}, or null when there is none; {@code 400} when it is too long. */
    public static Search parse(String q) {
        if (q == null || q.isBlank()) return null;
        if (q.length() > MAX_CHARS)
            throw ProblemException.invalid("q", "At most " + MAX_CHARS + " characters.");
        List<List<Term>> alternatives = new ArrayList<>();
        List<Term> current = new ArrayList<>();
        int words = 0;
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            boolean excluded = false;
            if (c == '-' && i + 1 < q.length() && !Character.isWhitespace(q.charAt(i + 1))) {
                excluded = true;
                i++;
                c = q.charAt(i);
            }
            List<String> found;
            if (c == '"') {
                int end = q.indexOf('"', i + 1);
                if (end < 0) end = q.length();
                found = words(q.substring(i + 1, end));
                i = end + 1;
            } else if (Character.isLetterOrDigit(c)) {
                int end = i;
                while (end < q.length() && !Character.isWhitespace(q.charAt(end))) end++;
                found = words(q.substring(i, end));
                i = end;
                if (!excluded && found.size() == 1 && found.get(0).equals("or")) {
                    if (!current.isEmpty()) {
                        alternatives.add(current);
                        current = new ArrayList<>();
                    }
                    continue;
                }
            } else {
                i++;
                continue;
            }
            if (found.isEmpty()) continue;
            words += found.size();
            if (words > MAX_WORDS)
                throw ProblemException.invalid("q", "At most " + MAX_WORDS + " words.");
            current.add(new Term(found, excluded));
        }
        if (!current.isEmpty()) alternatives.add(current);
        // Only exclusions left in an alternative: it would match nearly everything; dropped, as
        // PostgreSQL's websearch_to_tsquery gives no match for "-word" alone.
        alternatives.removeIf(all -> all.stream().allMatch(Term::excluded));
        return new Search(q, alternatives);
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) out.add(m.group());
        return out;
    }

    /**
     * Narrows {@code query} to what {@code search} finds and, when no {@code ordering} was asked,
     * orders it by relevance over the candidates (the query's default order must be set).
     */
    public void apply(ListQuery query, Fields f, Search search, boolean ordered) {
        searches.increment();
        if (search.alternatives().isEmpty()) {
            query.fullText("1 = 0", List.of());
            return;
        }
        if (Vendor.postgres()) {
            query.fullText(
                    f.vector() + " @@ websearch_to_tsquery(CAST(? AS regconfig), ?)",
                    List.of(language, search.websearch()));
            if (!ordered)
                query.rankedAmong(
                        "ts_rank("
                                + f.vector()
                                + ", websearch_to_tsquery(CAST(? AS regconfig), ?))",
                        List.of(language, search.websearch()),
                        candidates);
            return;
        }
        List<Object> params = new ArrayList<>();
        List<String> any = new ArrayList<>();
        for (List<Term> all : search.alternatives()) {
            List<String> each = new ArrayList<>();
            for (Term t : all) {
                String pattern = pattern(t.words());
                List<String> in = new ArrayList<>();
                for (String column : columns(f)) {
                    in.add("REGEXP_LIKE(" + column + ", ?)");
                    params.add(pattern);
                }
                String found = "(" + String.join(" OR ", in) + ")";
                each.add(t.excluded() ? "NOT " + found : found);
            }
            any.add("(" + String.join(" AND ", each) + ")");
        }
        query.fullText(String.join(" OR ", any), params);
        if (!ordered) {
            List<Object> rankParams = new ArrayList<>();
            query.rankedAmong(h2Rank(f, search, rankParams), rankParams, candidates);
        }
    }

    /** Rank and headline of each listed item, by id. */
    public Map<Long, SearchHit> hits(
            EntityManager em, Fields f, Search search, Map<Long, Texts> items) {
        Map<Long, SearchHit> out = new HashMap<>();
        if (items.isEmpty()) return out;
        List<Object> params = new ArrayList<>();
        String rank;
        if (search.alternatives().isEmpty()) {
            rank = "0";
        } else if (Vendor.postgres()) {
            rank = "ts_rank(" + f.vector() + ", websearch_to_tsquery(CAST(? AS regconfig), ?))";
            params.add(language);
            params.add(search.websearch());
        } else {
            rank = search.alternatives().isEmpty() ? "0" : h2Rank(f, search, params);
        }
        Query q =
                em.createNativeQuery(
                        "SELECT "
                                + f.alias()
                                + ".id, "
                                + rank
                                + " FROM "
                                + f.table()
                                + " "
                                + f.alias()
                                + " WHERE "
                                + f.alias()
                                + ".id IN ("
                                + String.join(
                                        ", ", java.util.Collections.nCopies(items.size(), "?"))
                                + ")");
        int n = 1;
        for (Object p : params) q.setParameter(n++, p);
        for (Long id : items.keySet()) q.setParameter(n++, id);
        Set<String> stems = new LinkedHashSet<>();
        Stemmer stemmer = Stemmer.of(language);
        for (String w : search.wanted()) stems.add(stemmer.stem(w));
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            long id = ((Number) r[0]).longValue();
            double value = r[1] == null ? 0 : ((Number) r[1]).doubleValue();
            out.put(
                    id,
                    new SearchHit(
                            Math.round(value * 1e6) / 1e6,
                            Headline.of(items.get(id).inOrder(), stems, stemmer)));
        }
        return out;
    }

    /**
     * A view of a found item as the API writes it, with its {@code search}: an object of its own
     * rather than a property of every view, which would be written {@code null} everywhere else.
     */
    public static JsonObject result(Object view, SearchHit hit) {
        JsonObject plain = JsonbConfiguration.toJsonObject(view);
        if (hit == null) return plain;
        return Jsonp.PROVIDER
                .createObjectBuilder(plain)
                .add(
                        "search",
                        Jsonp.PROVIDER
                                .createObjectBuilder()
                                .add("rank", hit.rank())
                                .add("headline", hit.headline()))
                .build();
    }

    private List<String> columns(Fields f) {
        List<String> columns = new ArrayList<>(List.of(f.title()));
        if (f.excerpt() != null) columns.add(f.excerpt());
        columns.add(f.bodyText());
        return columns;
    }

    /**
     * H2: a whole word made of each word's stem and at most {@link #SUFFIX} more letters (the
     * inflections a stemmer takes off: {@code run} finds {@code running}), the words in sequence
     * for a phrase.
     */
    private String pattern(List<String> words) {
        Stemmer stemmer = Stemmer.of(language);
        List<String> parts = new ArrayList<>();
        for (String w : words)
            parts.add(Pattern.quote(stemmer.stem(w)) + "[\\p{L}]{0," + SUFFIX + "}");
        return "(?iU)(?<![\\p{L}\\p{N}])"
                + String.join("[^\\p{L}\\p{N}]+", parts)
                + "(?![\\p{L}\\p{N}])";
    }

    static final int SUFFIX = 4;

    /** H2: the weights of the fields each wanted word occurs in, averaged over the words. */
    private String h2Rank(Fields f, Search search, List<Object> params) {
        List<String> wanted = search.wanted();
        if (wanted.isEmpty()) return "0";
        List<String> sum = new ArrayList<>();
        for (String w : wanted) {
            String pattern = pattern(List.of(w));
            sum.add("CASE WHEN REGEXP_LIKE(" + f.title() + ", ?) THEN 1.0 ELSE 0 END");
            params.add(pattern);
            if (f.excerpt() != null) {
                sum.add("CASE WHEN REGEXP_LIKE(" + f.excerpt() + ", ?) THEN 0.4 ELSE 0 END");
                params.add(pattern);
            }
            sum.add("CASE WHEN REGEXP_LIKE(" + f.bodyText() + ", ?) THEN 0.2 ELSE 0 END");
            params.add(pattern);
        }
        return "((" + String.join(" + ", sum) + ") / " + wanted.size() + ".0)";
    }
}
