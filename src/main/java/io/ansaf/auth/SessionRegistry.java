package io.ansaf.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live sessions of each user on this instance, so that deactivating a user ends them at once.
 * Other instances need no message: {@link SessionAuthenticationMechanism} re-reads the user on
 * every request and drops a session whose user is no longer active.
 */
@ApplicationScoped
public class SessionRegistry {
    private final Map<Long, Set<HttpSession>> byUser = new ConcurrentHashMap<>();

    void add(long userId, HttpSession session) {
        byUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void remove(HttpSession session) {
        Object id = safeUserId(session);
        if (id instanceof Long userId) {
            Set<HttpSession> set = byUser.get(userId);
            if (set != null) set.remove(session);
        }
    }

    void endAllOf(long userId) {
        endAllOf(userId, null);
    }

    /**
     * Ends every session of the user on this instance but {@code keep} (the caller's own; may be
     * null).
     */
    void endAllOf(long userId, HttpSession keep) {
        Set<HttpSession> set = byUser.remove(userId);
        if (set == null) return;
        if (keep != null && set.remove(keep)) add(userId, keep);
        for (HttpSession s : set) {
            try {
                s.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // ended meanwhile
            }
        }
    }

    private static Object safeUserId(HttpSession session) {
        try {
            return session.getAttribute(SessionAuthenticationMechanism.USER_ID);
        } catch (IllegalStateException invalid) {
            return null;
        }
    }
}
