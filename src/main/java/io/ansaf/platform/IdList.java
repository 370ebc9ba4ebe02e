package io.ansaf.platform;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queries by a list of ids whose translation Hibernate can cache.
 *
 * <p>Hibernate 6 does not cache the SQL it translates from a query with a multi-valued parameter
 * ({@code in :ids}): every execution parses and translates the query again, which was the largest
 * single cost of reading one post (measured with JFR). Neither does it when an {@code in} list
 * holds a single parameter, or a parameter inside a function such as a cast, since the parser lets
 * those take a multi-valued binding. Here the list is bound as a fixed number (at least two) of
 * plain single-valued parameters ({@code in (:id0, :id1, ...)}), in a few sizes (2, 4, ... 128),
 * padded by repeating the last id; so each query has at most seven shapes, all of them cached.
 */
public final class IdList {

    /** Where the id list goes in the query text. */
    public static final String IDS = "{ids}";

    private static final int MAX = 128;
    private static final ConcurrentHashMap<String, String> TEXTS = new ConcurrentHashMap<>();

    private IdList() {}

    /**
     * {@code jpql} with {@link #IDS} replaced by the parameters for {@code ids} (not empty, at most
     * 128; a list page is at most 100) and the parameters bound.
     */
    public static <T> TypedQuery<T> query(
            EntityManager em, String jpql, Class<T> type, List<Long> ids) {
        if (ids.isEmpty() || ids.size() > MAX)
            throw new IllegalArgumentException("between 1 and " + MAX + " ids: " + ids.size());
        // The next power of two at or above the size, and at least two.
        int slots = Math.max(2, Integer.highestOneBit(ids.size() - 1) << 1);
        TypedQuery<T> query =
                em.createQuery(
                        TEXTS.computeIfAbsent(
                                slots + ":" + jpql, k -> jpql.replace(IDS, parameters(slots))),
                        type);
        for (int i = 0; i < slots; i++)
            query.setParameter("id" + i, ids.get(Math.min(i, ids.size() - 1)));
        return query;
    }

    private static String parameters(int slots) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < slots; i++) names.add(":id" + i);
        return names.toString();
    }
}
