package io.ansaf.http;

import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.List;

/**
 * The DRF pagination envelope: {@code count}, absolute {@code next}/{@code previous} links that
 * keep every other query parameter, and the page's {@code results}.
 */
public record PageOf<T>(long count, String next, String previous, List<T> results) {
    public static <T> PageOf<T> of(long count, List<T> results, PageRequest page, URI uri) {
        boolean hasNext = (long) page.page() * page.size() < count;
        String next = hasNext ? link(uri, page.page() + 1) : null;
        String previous = page.page() > 1 ? link(uri, page.page() - 1) : null;
        return new PageOf<>(count, next, previous, results);
    }

    private static String link(URI uri, int page) {
        var b = UriBuilder.fromUri(uri);
        // DRF drops page=1 from the "previous" link of page 2.
        return (page == 1 ? b.replaceQueryParam("page") : b.replaceQueryParam("page", page))
                .build()
                .toString();
    }
}
