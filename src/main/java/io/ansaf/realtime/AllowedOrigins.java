package io.ansaf.realtime;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser pages may open a dashboard socket: the server's own origin and those listed in
 * {@code ANSAF_ALLOWED_ORIGINS}. A request without {@code Origin} is not from a browser page and
 * is let through (cookies alone do not let a foreign page in). Origins are compared in their
 * canonical form: lower case, without a default port.
 */
final class AllowedOrigins {
    private final Set<String> listed;

    AllowedOrigins(String commaSeparated) {
        this.listed = Arrays.stream(commaSeparated.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(AllowedOrigins::canonical).collect(Collectors.toUnmodifiableSet());
    }

    /** May a handshake with this {@code Origin} (null when absent) go on, on a server reached at scheme://host? */
    boolean allows(String origin, String scheme, String host) {
        if (origin == null) return true;
        String o = canonical(origin);
        return listed.contains(o) || (host != null && o.equals(canonical(scheme + "://" + host)));
    }

    static String canonical(String origin) {
        try {
            URI u = URI.create(origin.trim());
            if (u.getScheme() == null || u.getHost() == null) return origin.trim().toLowerCase(Locale.ROOT);
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException notAnOrigin) {
            return origin.trim().toLowerCase(Locale.ROOT);
        }
    }
}
