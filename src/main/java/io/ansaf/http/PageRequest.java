package io.ansaf.http;

/**
 * {@code ?page=N&page_size=M} as DRF's page-number pagination reads them: page from 1, size 20 by
 * default and never above 100; a page that is not a positive number is a 404 ("Invalid page."),
 * like a page past the end.
 */
public record PageRequest(int page, int size) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /**
     * {@code page=last}, until {@link #resolve} knows which page that is; no number a client sends.
     */
    private static final int LAST = 0;

    public static PageRequest from(ListParams query) {
        int page = 1;
        String p = query.first("page");
        if (p != null && !p.isBlank()) {
            if (p.equals("last")) {
                page = LAST;
            } else {
                try {
                    page = Integer.parseInt(p.trim());
                } catch (NumberFormatException e) {
                    throw invalidPage();
                }
                if (page < 1) throw invalidPage();
            }
        }
        int size = DEFAULT_SIZE;
        String s = query.first("page_size");
        if (s != null && !s.isBlank()) {
            try {
                int requested = Integer.parseInt(s.trim());
                if (requested > 0) size = Math.min(requested, MAX_SIZE);
            } catch (NumberFormatException e) {
                // DRF ignores a malformed page_size and uses the default
            }
        }
        return new PageRequest(page, size);
    }

    static ProblemException invalidPage() {
        return new ProblemException(404, "Not Found", "Invalid page.");
    }

    /** The first row of this page; a long, since page 2147483647 of 100 is past any int. */
    public long offset() {
        return (long) (page - 1) * size;
    }

    /**
     * The page actually served once the total is known ({@code page=last}); past the end is a 404.
     */
    public PageRequest resolve(long count) {
        int last = (int) Math.max(1, (count + size - 1) / size);
        if (page == LAST) return new PageRequest(last, size);
        if (page > last) throw invalidPage();
        return this;
    }
}
