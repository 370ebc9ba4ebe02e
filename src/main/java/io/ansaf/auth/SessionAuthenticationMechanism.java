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

    @Inject UserService users;

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
        Caller caller = new Caller(user.id(), user.username(), user.staff());
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        return context.notifyContainerAboutLogin(user.username(), groups(user));
    }

    static Set<String> groups(User user) {
        return user.staff() ? Set.of("user", "staff") : Set.of("user");
    }
}
