package io.ansaf.auth;

import io.ansaf.http.Forwarding;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The CSRF token: a secret created on demand, rotated at login and logout, and compared in constant
 * time. A logged-in user's secret is kept in the session and only a token of it is accepted. Before
 * login there is no session (an anonymous {@code GET /auth/csrf/} must not fill the session store,
 * issue 14): the secret is then kept only in the {@code csrftoken} cookie, and a request is
 * accepted when its {@code X-CSRFToken} header stands for the same secret as that cookie (a double
 * submit, as Django does without {@code CSRF_USE_SESSIONS}). A page of another site can neither
 * read the cookie nor send the header (a custom header needs CORS, and {@link CsrfFilter} refuses
 * foreign origins first), so it cannot log a victim into its own account. The secret is not signed:
 * with no session there is nothing to bind a signature to, and one issued by the server to an
 * attacker would pass a signature check all the same.
 *
 * <p>Every response that carries the token (the body of {@code GET /auth/csrf/}, the {@code
 * X-CSRFToken} header of login and logout, the {@code csrftoken} cookie, readable by scripts as
 * Django's is) carries it masked afresh, as Django does against BREACH: a random mask of the
 * secret's length followed by the secret XOR that mask, in hex. A compressed response then never
 * repeats the secret, so its length cannot reveal it byte by byte. The secret itself stays what it
 * is for the session; an unmasked token (the secret, as issued before masking) is still accepted
 * while its session lasts.
 */
public final class Csrf {
    public static final String HEADER = "X-CSRFToken";
    static final String ATTRIBUTE = "ansaf.csrf";
    static final String COOKIE = "csrftoken";
    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Csrf() {}

    /**
     * The caller's token, masked afresh, with the cookie set again: the session's secret when
     * logged in, else the cookie's, else a new one (never creating a session).
     */
    static String token(HttpServletRequest request, HttpServletResponse response) {
        String secret = sessionSecret(request);
        if (secret == null) secret = cookieSecrets(request).stream().findFirst().orElse(null);
        if (secret == null) return rotate(request, response);
        return issue(secret, request, response);
    }

    /**
     * A new secret, kept in the session when there is one (after login) and in the cookie in any
     * case; returns it masked.
     */
    static String rotate(HttpServletRequest request, HttpServletResponse response) {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = HEX.formatHex(bytes);
        HttpSession session = request.getSession(false);
        if (session != null) session.setAttribute(ATTRIBUTE, secret);
        return issue(secret, request, response);
    }

    /** Sets the cookie to {@code secret} masked, and returns the same masked token. */
    private static String issue(
            String secret, HttpServletRequest request, HttpServletResponse response) {
        String secure = SecureCookies.always() || Forwarding.isHttps(request) ? "; Secure" : "";
        String masked = mask(secret); // one mask per response: its cookie and header agree
        response.addHeader(
                "Set-Cookie",
                COOKIE
                        + "="
                        + masked
                        + "; Path=/; Max-Age=31449600; SameSite="
                        + SecureCookies.sameSite()
                        + secure);
        return masked;
    }

    /** {@code hex(mask) + hex(secret XOR mask)} with a fresh random mask. */
    static String mask(String secretHex) {
        byte[] secret = HEX.parseHex(secretHex);
        byte[] mask = new byte[secret.length];
        RANDOM.nextBytes(mask);
        byte[] masked = new byte[secret.length];
        for (int i = 0; i < secret.length; i++) masked[i] = (byte) (secret[i] ^ mask[i]);
        return HEX.formatHex(mask) + HEX.formatHex(masked);
    }

    /**
     * The secret a token stands for: unmasked when it has a mask's form, as it is otherwise (an
     * unmasked token); null when it is not hex of either length.
     */
    static byte[] secretOf(String token) {
        try {
            if (token.length() == SECRET_BYTES * 4) {
                byte[] mask = HEX.parseHex(token, 0, SECRET_BYTES * 2);
                byte[] masked = HEX.parseHex(token, SECRET_BYTES * 2, token.length());
                for (int i = 0; i < masked.length; i++) masked[i] ^= mask[i];
                return masked;
            }
            if (token.length() == SECRET_BYTES * 2) return HEX.parseHex(token);
        } catch (IllegalArgumentException notHex) {
            return null;
        }
        return null;
    }

    /**
     * True when {@link #HEADER} carries a token (masked or not) of the session's secret, or, with
     * no logged-in session, of the secret in the request's {@code csrftoken} cookie.
     */
    public static boolean matches(HttpServletRequest request) {
        String given = request.getHeader(HEADER);
        byte[] secret = given == null ? null : secretOf(given.trim());
        if (secret == null) return false;
        String own = sessionSecret(request);
        if (own != null) return MessageDigest.isEqual(HEX.parseHex(own), secret);
        // Any of the cookies may be it (a sibling host may have set one of the same name).
        return cookieSecrets(request).stream()
                .anyMatch(c -> MessageDigest.isEqual(HEX.parseHex(c), secret));
    }

    /** The logged-in session's secret (hex), or null. */
    private static String sessionSecret(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(ATTRIBUTE) instanceof String s ? s : null;
    }

    /** The secrets (hex) that the request's {@code csrftoken} cookies stand for. */
    private static List<String> cookieSecrets(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) return List.of();
        List<String> out = new ArrayList<>(1);
        for (Cookie c : cookies) {
            if (!COOKIE.equals(c.getName()) || c.getValue() == null) continue;
            byte[] secret = secretOf(c.getValue().trim());
            if (secret != null && secret.length == SECRET_BYTES) out.add(HEX.formatHex(secret));
        }
        return out;
    }
}
