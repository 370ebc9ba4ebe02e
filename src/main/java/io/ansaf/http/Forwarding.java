package io.ansaf.http;

import io.ansaf.platform.Settings;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a request says about the original client when it came through a trusted reverse proxy
 * ({@code ANSAF_TRUSTED_PROXIES}): the scheme ({@code X-Forwarded-Proto}) and client address
 * ({@code X-Forwarded-For}). From anyone else those headers are ignored.
 */
public final class Forwarding {
    private static volatile Set<String> trusted;

    private Forwarding() {}

    private static boolean fromTrustedProxy(HttpServletRequest request) {
        Set<String> t = trusted;
        if (t == null) {
            t =
                    Arrays.stream(Settings.optional("ansaf.trusted.proxies").orElse("").split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .collect(Collectors.toUnmodifiableSet());
            trusted = t;
        }
        return t.contains(request.getRemoteAddr());
    }

    public static boolean isHttps(HttpServletRequest request) {
        if (request.isSecure()) return true;
        return fromTrustedProxy(request)
                && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    /**
     * The origin this request reached the server at: its scheme (behind a trusted proxy, the
     * proxy's) and Host.
     */
    public static String ownOrigin(HttpServletRequest request) {
        return (isHttps(request) ? "https" : "http") + "://" + request.getHeader("Host");
    }

    /**
     * Who a client is, for limits that count per client: its user when logged in, else its address
     * ({@link #clientAddress}).
     */
    public static String clientKey(HttpServletRequest request) {
        var user = request.getUserPrincipal();
        return user != null ? "user:" + user.getName() : "ip:" + clientAddress(request);
    }

    public static String clientAddress(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && fromTrustedProxy(request)) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].trim();
        }
        return request.getRemoteAddr();
    }
}
