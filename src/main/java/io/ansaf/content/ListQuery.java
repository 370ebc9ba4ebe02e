package io.ansaf.content;

import io.ansaf.http.ListParams;
import io.ansaf.http.PageOf;
import io.ansaf.http.PageRequest;
import io.ansaf.http.ProblemException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The SQL of a list endpoint: filters, {@code ?search=} terms, a whitelisted {@code ?ordering=} and
 * a page, answered as the ids of one page plus a total count. SQL rather than JPQL so that search
 * uses exactly the expression PostgreSQL's trigram index is built on, and ordering puts nulls last
 * on both databases. The entities of a page are then loaded by id in one query.
 *
 * <p>Counting is what an unselective search or filter pays for (every match is visited; the page
 * itself is cheap), so a count is remembered per state of the data: keyed by the revision counters
 * the list's ETag is made of ({@link #countedAt}), read before the count. Any write that could
 * change a count bumps one of those counters, so a remembered count is never served for a later
 * state, on any instance; entries for old states are simply never asked for again.
 */
public final class ListQuery {
    private final String from;
    private final String alias;
    private final List<String> where = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();
    private String orderBy = "";
    private String revisions;
    private boolean searching;
    private boolean customPlans;
    private String rank;
    private List<Object> rankParams = List.of();
    private int candidates;
    private final List<String> orderColumns = new ArrayList<>();
    private long lastCount = -1;

    /**
     * Matches up to this many times the candidates are few enough to collect all of them (with the
     * full-text index) and pick the candidates among them; more are dense enough that walking the
     * list's order and stopping at the candidates is cheaper (see {@link #rankedIds}).
     */
    static final int SPARSE_FACTOR = 20;

    /**
     * {@code from} is the table with its alias, e.g. {@code "posts p"}; the id column is {@code
     * <alias>.id}.
     */
    public ListQuery(String from) {
        this(from, from.substring(from.lastIndexOf(' ') + 1));
    }

    /** For a {@code from} with joins: {@code alias} names the table whose ids are listed. */
    public ListQuery(String from, String alias) {
        this.from = from;
        this.alias = alias;
    }

    private String alias() {
        return alias;
    }

    /** Adds a condition; {@code ?} placeholders take {@code values} in order. */
    public ListQuery where(String condition, Object... values) {
        where.add("(" + condition + ")");
        params.addAll(List.of(values));
        return this;
    }

    /**
     * DRF's search: the text is split on white space and every term must occur, case-insensitively,
     * somewhere in {@code lowerExpression} (which must already be lower-cased SQL).
     */
    /** Search bounds: more makes a query no index helps, for nobody's benefit. */
    static final int MAX_TERMS = 32;

    static final int MAX_TERM_CHARS = 200;

    public ListQuery search(String text, String lowerExpression) {
        if (text == null || text.isBlank()) return this;
        searching = true;
        String[] terms = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (terms.length > MAX_TERMS) {
            throw ProblemException.invalid("search", "At most " + MAX_TERMS + " words.");
        }
        for (String term : terms) {
            if (term.length() > MAX_TERM_CHARS) {
                throw ProblemException.invalid(
                        "search", "A word has at most " + MAX_TERM_CHARS + " characters.");
            }
        }
        for (String term : terms) {
            String escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            where(lowerExpression + " LIKE ?", "%" + escaped + "%");
        }
        return this;
    }

    /** A full-text condition ({@link FullText}): planned with its actual terms, as a search. */
    ListQuery fullText(String condition, List<Object> values) {
        searching = true;
        return where(condition, values.toArray());
    }

    /**
     * Orders the first {@code candidates} items of the order set by {@link #orderBy} by {@code
     * rankSql} (highest first); the items after them keep that order.
     */
    ListQuery rankedAmong(String rankSql, List<Object> values, int candidates) {
        this.rank = rankSql;
        this.rankParams = List.copyOf(values);
        this.candidates = candidates;
        return this;
    }

    /**
     * Orders by a comma-separated list of fields, each optionally prefixed with {@code -}, taken
     * from {@code allowed} (API name to SQL column); anything else is a 400 naming the field.
     * {@code nullable} columns sort their nulls last in either direction. The id breaks ties so
     * that pages never overlap.
     */
    public ListQuery orderBy(
            String ordering,
            String defaultOrdering,
            Map<String, String> allowed,
            List<String> nullable) {
        String spec = ordering == null || ordering.isBlank() ? defaultOrdering : ordering;
        Map<String, String> terms = new LinkedHashMap<>();
        for (String raw : spec.split(",")) {
            String field = raw.trim();
            boolean desc = field.startsWith("-");
            String name = desc ? field.substring(1) : field;
            String column = allowed.get(name);
            if (column == null) {
                throw ProblemException.invalid(
                        "ordering",
                        "Cannot order by '"
                                + field
                                + "'. Choose from: "
                                + String.join(", ", allowed.keySet())
                                + " (prefix - for descending).");
            }
            if (!terms.containsKey(column)) orderColumns.add(column);
            terms.putIfAbsent(
                    column,
                    column
                            + (desc ? " DESC" : " ASC")
                            + (nullable.contains(name) ? " NULLS LAST" : ""));
        }
        StringJoiner j = new StringJoiner(", ", " ORDER BY ", "");
        terms.values().forEach(j::add);
        boolean lastDesc =
                terms.values().stream()
                        .reduce((a, b) -> b)
                        .map(t -> t.contains(" DESC"))
                        .orElse(true);
        j.add(alias() + ".id" + (lastDesc ? " DESC" : " ASC"));
        orderBy = j.toString();
        return this;
    }

    private String whereSql() {
        return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    }

    /**
     * Lets the count be remembered for the state {@code revisions} names (the revision counters of
     * every model the list depends on, read before this query runs).
     */
    public ListQuery countedAt(String revisions) {
        this.revisions = revisions;
        return this;
    }

    public long count(EntityManager em) {
        String sql = "SELECT count(*) FROM " + from + whereSql();
        String key = revisions == null ? null : revisions + '\n' + sql + '\n' + params;
        Long known = key == null ? null : ListCounts.known(key);
        if (known != null) {
            lastCount = known;
            return known;
        }
        planForTheseTerms(em);
        Query q = em.createNativeQuery(sql);
        bind(q);
        long count = ((Number) q.getSingleResult()).longValue();
        if (key != null) ListCounts.remember(key, count);
        lastCount = count;
        return count;
    }

    public List<Long> ids(EntityManager em, PageRequest page) {
        planForTheseTerms(em);
        if (rank != null) return rankedIds(em, page.offset(), page.offset() + page.size());
        return orderedIds(em, page.offset(), page.size());
    }

    /**
     * Positions {@code start} to {@code end}: ranked among the candidates, then in order. Which
     * plan finds the candidates fast depends on how many items match, which the count already told:
     * when they are dense, walking the list's order stops after a few times the candidates; when
     * they are sparse, that walk would visit most of the table, so on PostgreSQL all matches are
     * collected first (through the full-text index; MATERIALIZED keeps the planner from walking the
     * order instead) and the candidates picked from them.
     */
    private List<Long> rankedIds(EntityManager em, long start, long end) {
        List<Long> ids = new ArrayList<>();
        if (start < candidates && sparse()) {
            List<String> columns = new ArrayList<>();
            for (String c : orderColumns)
                columns.add(c + " AS " + c.substring(alias().length() + 1));
            if (!orderColumns.contains(alias() + ".id")) columns.add(alias() + ".id AS id");
            Query q =
                    em.createNativeQuery(
                            "WITH m AS MATERIALIZED (SELECT "
                                    + String.join(", ", columns)
                                    + " FROM "
                                    + from
                                    + whereSql()
                                    + "), c AS (SELECT "
                                    + alias()
                                    + ".id FROM m "
                                    + alias()
                                    + orderBy
                                    + " LIMIT "
                                    + candidates
                                    + ") SELECT c.id FROM c JOIN "
                                    + from
                                    + " ON "
                                    + alias()
                                    + ".id = c.id ORDER BY "
                                    + rank
                                    + " DESC, c.id DESC LIMIT "
                                    + (Math.min(end, candidates) - start)
                                    + " OFFSET "
                                    + start);
            int n = 1;
            for (Object p : params) q.setParameter(n++, p);
            for (Object p : rankParams) q.setParameter(n++, p);
            for (Object o : q.getResultList()) ids.add(((Number) o).longValue());
        } else if (start < candidates) {
            Query q =
                    em.createNativeQuery(
                            "SELECT c.id FROM (SELECT "
                                    + alias()
                                    + ".id AS id, "
                                    + rank
                                    + " AS rank_ FROM "
                                    + from
                                    + whereSql()
                                    + orderBy
                                    + " LIMIT "
                                    + candidates
                                    + ") c ORDER BY c.rank_ DESC, c.id DESC LIMIT "
                                    + (Math.min(end, candidates) - start)
                                    + " OFFSET "
                                    + start);
            int n = 1;
            for (Object p : rankParams) q.setParameter(n++, p);
            for (Object p : params) q.setParameter(n++, p);
            for (Object o : q.getResultList()) ids.add(((Number) o).longValue());
        }
        if (end > candidates) {
            long from = Math.max(start, candidates);
            ids.addAll(orderedIds(em, from, (int) (end - from)));
        }
        return ids;
    }

    /** Few matches, on PostgreSQL, with an order of plain columns of the listed table. */
    private boolean sparse() {
        if (!Vendor.postgres() || lastCount < 0 || lastCount > (long) candidates * SPARSE_FACTOR)
            return false;
        return orderColumns.stream()
                .allMatch(c -> c.matches(java.util.regex.Pattern.quote(alias()) + "\\.[a-z_]+"));
    }

    private List<Long> orderedIds(EntityManager em, long offset, int size) {
        Query q =
                em.createNativeQuery(
                        "SELECT "
                                + alias()
                                + ".id FROM "
                                + from
                                + whereSql()
                                + orderBy
                                + " LIMIT "
                                + size
                                + " OFFSET "
                                + offset);
        bind(q);
        List<Long> ids = new ArrayList<>();
        for (Object o : q.getResultList()) ids.add(((Number) o).longValue());
        return ids;
    }

    /**
     * On PostgreSQL, makes this transaction plan a search with its actual terms every time. The
     * driver prepares a statement on the server from its fifth use, and after five more PostgreSQL
     * may switch to a generic plan, made without the terms: it then guesses that any {@code LIKE ?}
     * matches almost nothing and always takes the trigram index and a sort, which for a common term
     * visits every match (170 ms for 10,000 of 100,000 posts, where walking the ordering's index
     * and stopping at 20 matches takes 1.4 ms). With the terms it picks the right one of the two.
     * The setting ends with the transaction.
     */
    private void planForTheseTerms(EntityManager em) {
        if (!searching || customPlans || !Vendor.postgres()) return;
        em.createNativeQuery("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)")
                .getSingleResult();
        customPlans = true;
    }

    private void bind(Query q) {
        for (int i = 0; i < params.size(); i++) q.setParameter(i + 1, params.get(i));
    }

    /**
     * One page of the list for {@code params}' {@code page} / {@code page_size}: counts, checks the
     * page exists, fetches the page's ids and turns them into views with {@code load} (which
     * receives an empty list for an empty page).
     */
    public <T> PageOf<T> page(
            EntityManager em, ListParams params, Function<List<Long>, List<T>> load) {
        PageRequest page = params.page();
        long count = count(em);
        page = page.resolve(count);
        List<Long> ids = count == 0 ? List.of() : ids(em, page);
        return PageOf.of(
                count, ids.isEmpty() ? List.of() : load.apply(ids), page, params.requestUri());
    }

    /** Puts entities loaded by id back into the order of {@code ids}. */
    public static <T> List<T> inOrder(List<Long> ids, List<T> loaded, Function<T, Long> idOf) {
        Map<Long, T> byId = new LinkedHashMap<>();
        for (T t : loaded) byId.put(idOf.apply(t), t);
        List<T> ordered = new ArrayList<>(ids.size());
        for (Long id : ids) {
            T t = byId.get(id);
            if (t != null) ordered.add(t);
        }
        return ordered;
    }
}
