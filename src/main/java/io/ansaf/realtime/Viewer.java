package io.ansaf.realtime;

import io.ansaf.auth.SessionAuthenticationMechanism;
import io.ansaf.content.ContentChanged;
import jakarta.servlet.http.HttpSession;

/**
 * Who is behind a socket, as the HTTP session said at the handshake. Staff status is taken then
 * (delivery must not touch the database); being logged in is re-checked at every delivery, so a
 * logout or a deactivation (both end the HTTP session) turns the socket anonymous for good.
 */
final class Viewer {
    static final Viewer ANONYMOUS = new Viewer(null, null, null, false);

    private final HttpSession session;
    private final String sessionId;
    private volatile Long userId;
    private final boolean staff;

    private Viewer(HttpSession session, String sessionId, Long userId, boolean staff) {
        this.session = session;
        this.sessionId = sessionId;
        this.userId = userId;
        this.staff = staff;
    }

    /**
     * The viewer of a handshake: its session (may be null) and whether the container saw a staff
     * caller.
     */
    static Viewer of(HttpSession session, boolean staffRole) {
        Long id = userIdOf(session);
        return id == null ? ANONYMOUS : new Viewer(session, session.getId(), id, staffRole);
    }

    /** The user id, or null once the session no longer carries it. */
    Long userId() {
        Long id = userId;
        if (id == null) return null;
        // The id check guards against a container that recycles session objects.
        if (!sessionId.equals(session.getId()) || !id.equals(userIdOf(session))) {
            userId = null;
            return null;
        }
        return id;
    }

    /** What this viewer is sent of a change. */
    enum Sees {
        CHANGE,
        DELETION,
        NOTHING
    }

    /**
     * The change itself if the viewer may read the resource after it; a deletion if they could read
     * it before but no longer can (it left their view); else nothing.
     */
    Sees sees(ContentChanged e) {
        Long id = userId();
        return sees(e, id, id != null && staff);
    }

    /** What the user {@code id} (null: anonymous) is told of a change. */
    static Sees sees(ContentChanged e, Long id, boolean staff) {
        if (e.after().admits(id, staff)) return Sees.CHANGE;
        if (e.before().admits(id, staff)) return Sees.DELETION;
        return Sees.NOTHING;
    }

    private static Long userIdOf(HttpSession session) {
        if (session == null) return null;
        try {
            return session.getAttribute(SessionAuthenticationMechanism.USER_ID) instanceof Long id
                    ? id
                    : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }
}
