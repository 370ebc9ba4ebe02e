package io.ansaf.auth;

import io.ansaf.content.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Keeps the caller in the HTTP session. The login resource validates credentials through {@link
 * UserIdentityStore} and stores the user id in the session; on every later request this mechanism
 * re-reads that user (so a deactivated user or a revoked staff flag takes effect at once, on every
 * instance), tells the container who is calling ({@code SecurityContext}, {@code @RolesAllowed})
 * and leaves the {@link Caller} for the application. It never challenges: anonymous requests go on,
 * and resources answer 401/403 as the contract says.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {
    public static final String USER_ID = "ansaf.userId";
    static final String CALLER_ATTRIBUTE = "ansaf.caller";

    /**
     * A fingerprint of the user's password hash when the session was made (or last took a new
     * password). A new password ends every other session of the user on every instance: the
     * instance that changed it can invalidate only the sessions it holds ({@link SessionRegistry}),
     * and with clustering a session made elsewhere lives in the data grid; each instance then
     * compares this fingerprint with the user it re-reads anyway, as Django's session auth hash
     * does.
     */
    static final String CREDENTIAL = "ansaf.credential";

    @Inject UserService users;
    @Inject SessionRegistry sessions;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        Object id = session == null ? null : session.getAttribute(USER_ID);
        if (!(id instanceof Long userId)) {
            return context.doNothing();
        }
        User user = users.find(userId);
        if (user == null || !user.active()) {
            session.invalidate();
            return context.doNothing();
        }
        String credential = credentialOf(user);
        Object seen = session.getAttribute(CREDENTIAL);
        if (seen == null) {
            // A session made before sessions carried it: it takes the password of today.
            session.setAttribute(CREDENTIAL, credential);
        } else if (!credential.equals(seen)) {
            session.invalidate(); // the password changed since this session logged in
            return context.doNothing();
        }
        // Known here, so that its end elsewhere reaches this instance's copy (and its sockets).
        sessions.add(userId, session);
        Caller caller = new Caller(user.id(), user.username(), user.staff());
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        return context.notifyContainerAboutLogin(user.username(), groups(user));
    }

    /**
     * Hex of the first 16 bytes of SHA-256 over the stored password hash (salted, so each new
     * password gives a new one): the session never holds the hash itself.
     */
    static String credentialOf(User user) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(user.passwordHash().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** Marks the session as belonging to the user with their password of now. */
    static void bind(HttpSession session, User user) {
        session.setAttribute(USER_ID, user.id());
        session.setAttribute(CREDENTIAL, credentialOf(user));
    }

    static Set<String> groups(User user) {
        return user.staff() ? Set.of("user", "staff") : Set.of("user");
    }
}
