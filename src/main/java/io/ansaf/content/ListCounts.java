package io.ansaf.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The totals of lists, remembered per list query and per state of the revision counters the list
 * reads: while none of them moves, the total cannot change, so paging through a list of 100,000
 * posts counts them once. A moved counter makes a new key, and the old entries simply age out: the
 * cache holds the 10,000 most recently used totals (Caffeine's size-based eviction), so it never
 * grows without bound and never needs clearing.
 */
final class ListCounts {
    private static final Cache<String, Long> COUNTS =
            Caffeine.newBuilder().maximumSize(10_000).build();

    private ListCounts() {}

    static Long known(String key) {
        return COUNTS.getIfPresent(key);
    }

    static void remember(String key, long count) {
        COUNTS.put(key, count);
    }
}
