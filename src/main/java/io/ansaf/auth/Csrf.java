package io.ansaf.auth;

import io.ansaf.http.Forwarding;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The session's CSRF token: created on demand, rotated at login and logout, mirrored in the {@code
 * csrftoken} cookie (readable by scripts, as Django's is) and compared in constant time.
 */
public final class Csrf {
    public static final String HEADER = "X-CSRFToken";
    static final String ATTRIBUTE = "ansaf.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {}

    static String token(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(true);
        Object t = session.getAttribute(ATTRIBUTE);
        if (t instanceof String token) return token;
        return rotate(request, response);
    }

    static String rotate(HttpServletRequest request, HttpServletResponse response) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        request.getSession(true).setAttribute(ATTRIBUTE, token);
        String secure = SecureCookies.always() || Forwarding.isHttps(request) ? "; Secure" : "";
        response.addHeader(
                "Set-Cookie",
                "csrftoken=" + token + "; Path=/; Max-Age=31449600; SameSite=Lax" + secure);
        return token;
    }

    /** True when the request carries the session's token in {@link #HEADER}. */
    public static boolean matches(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        String given = request.getHeader(HEADER);
        if (!(expected instanceof String e) || given == null) return false;
        return MessageDigest.isEqual(
                e.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
