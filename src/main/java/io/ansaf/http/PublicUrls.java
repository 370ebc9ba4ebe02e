package io.ansaf.http;

import io.ansaf.platform.Settings;
import java.net.URI;
import java.util.Optional;

/**
 * Links the API hands out ({@code Location}, a page's {@code next} and {@code previous}) as readers
 * reach the server: under {@code ANSAF_PUBLIC_URL} when it is set, so that a client's {@code Host}
 * header (or a proxy that rewrites it) never decides where a link points. Without it, the request's
 * own address is used, as DRF does.
 */
public final class PublicUrls {
    private PublicUrls() {}

    private static final class Base {
        static final Optional<URI> URL =
                Settings.optional("ansaf.public.url").map(u -> URI.create(u.replaceAll("/+$", "")));
    }

    /** {@code uri} with the scheme, host, port and path prefix of the public URL. */
    public static URI of(URI uri) {
        if (Base.URL.isEmpty()) return uri;
        URI base = Base.URL.get();
        String path = (base.getRawPath() == null ? "" : base.getRawPath()) + uri.getRawPath();
        return URI.create(
                base.getScheme()
                        + "://"
                        + base.getRawAuthority()
                        + path
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }
}
