package io.ansaf.auth;

import io.ansaf.http.Forwarding;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The session's CSRF token: a secret created on demand, rotated at login and logout, and compared
 * in constant time. Every response that carries it (the body of {@code GET /auth/csrf/}, the {@code
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
    static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Csrf() {}

    /** The session's token, masked afresh (a session and a secret are created when missing). */
    static String token(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(true);
        Object t = session.getAttribute(ATTRIBUTE);
        if (t instanceof String secret) return mask(secret);
        return rotate(request, response);
    }

    /** A new secret for the session, mirrored (masked) in the cookie; returns it masked. */
    static String rotate(HttpServletRequest request, HttpServletResponse response) {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = HEX.formatHex(bytes);
        request.getSession(true).setAttribute(ATTRIBUTE, secret);
        String secure = SecureCookies.always() || Forwarding.isHttps(request) ? "; Secure" : "";
        String masked = mask(secret); // one mask per response: its cookie and header agree
        response.addHeader(
                "Set-Cookie",
                "csrftoken="
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

    /** True when the request carries the session's token in {@link #HEADER}, masked or not. */
    public static boolean matches(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        String given = request.getHeader(HEADER);
        if (!(expected instanceof String e) || given == null) return false;
        byte[] secret = secretOf(given.trim());
        byte[] own = secretOf(e);
        return secret != null && own != null && MessageDigest.isEqual(own, secret);
    }
}
