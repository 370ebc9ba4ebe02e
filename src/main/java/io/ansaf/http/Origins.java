package io.ansaf.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The browser origins Ansaf trusts besides its own: {@code ANSAF_CORS_ORIGINS} (and its older name
 * {@code ANSAF_ALLOWED_ORIGINS}, which opened WebSockets only), plus the origin of {@code
 * ANSAF_PUBLIC_URL}. The same list lets a front end on another origin call the API with credentials
 * (CORS), send unsafe requests (trusted origins) and open the dashboard sockets. Origins are
 * compared in their canonical form: lower case, without a default port.
 */
@ApplicationScoped
public class Origins {
    @Inject
    @ConfigProperty(name = "ansaf.cors.origins")
    Optional<String> corsOrigins;

    @Inject
    @ConfigProperty(name = "ansaf.allowed.origins")
    Optional<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "ansaf.public.url")
    Optional<String> publicUrl;

    private volatile Set<String> listed;

    /** The origins that may call the API from a browser with credentials (CORS). */
    public boolean isCorsOrigin(String origin) {
        return origin != null && listed().contains(canonical(origin));
    }

    /**
     * Whether a browser page of {@code origin} may act on a server whose own origin is {@code
     * ownOrigin}.
     */
    public boolean isTrusted(String origin, String ownOrigin) {
        if (origin == null) return true; // not a browser page: the CSRF token alone decides
        String o = canonical(origin);
        return o.equals(canonical(ownOrigin))
                || listed().contains(o)
                || publicUrl
                        .filter(u -> !u.isBlank())
                        .map(Origins::canonical)
                        .map(o::equals)
                        .orElse(false);
    }

    private Set<String> listed() {
        Set<String> l = listed;
        if (l == null) {
            l = parse(corsOrigins.orElse("") + "," + allowedOrigins.orElse(""));
            listed = l;
        }
        return l;
    }

    /** Comma-separated origins in canonical form; blanks are skipped. */
    public static Set<String> parse(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Origins::canonical)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * {@code scheme://host[:port]} in lower case without a default port; the origin of a URL too.
     */
    public static String canonical(String origin) {
        try {
            URI u = URI.create(origin.trim());
            if (u.getScheme() == null || u.getHost() == null)
                return origin.trim().toLowerCase(Locale.ROOT);
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort =
                    port == -1
                            || (scheme.equals("http") && port == 80)
                            || (scheme.equals("https") && port == 443);
            return scheme
                    + "://"
                    + u.getHost().toLowerCase(Locale.ROOT)
                    + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException notAnOrigin) {
            return origin.trim().toLowerCase(Locale.ROOT);
        }
    }
}
