package io.ansaf.http;

/**
 * The {@code Content-Security-Policy} of every response. The pages (the dashboard and the API docs)
 * run only scripts of this origin: no inline script, no {@code eval}, no script of another host, so
 * markup that slipped into a post cannot run in a staff member's session. Styles may be inline
 * (Mantine and Swagger UI set {@code style} attributes and tags at run time; they cannot run code).
 * Nothing may frame a page ({@code frame-ancestors 'none'}, as {@code X-Frame-Options: DENY} for
 * older browsers). Everything else (JSON, problems, feeds) is not a page: it may load nothing at
 * all.
 */
public final class SecurityPolicy {
    static final String PAGES =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                    + " img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self';"
                    + " object-src 'none'; base-uri 'self'; form-action 'self';"
                    + " frame-ancestors 'none'";
    static final String DATA = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private SecurityPolicy() {}

    /** The policy for a response to {@code path} (relative to the context root). */
    public static String of(String path) {
        boolean page =
                path.equals("/")
                        || path.startsWith(StaticAssets.DASHBOARD)
                        || path.equals("/api/docs")
                        || path.startsWith("/api/docs/");
        return page ? PAGES : DATA;
    }
}
