package io.ansaf.auth;

import io.ansaf.platform.Redis;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The sessions this instance holds, by user and by id, so that ending one ends it on every
 * instance.
 *
 * <p>With clustering the HTTP session lives in Payara's data grid, and each instance that served it
 * also keeps a copy in memory. Payara drops the grid's copy when one instance invalidates the
 * session, but another instance goes on answering from its own copy: a logout through instance B
 * left the same cookie signed in on A, and A's sockets kept seeing drafts. So every end of a
 * session (logout, login over a session, deactivation, a new password) is published on the Redis
 * channel {@value #CHANNEL}; each instance invalidates its own copy of that id, which also turns
 * the sockets opened with it anonymous ({@code realtime.Viewer}). An instance that was not running
 * meanwhile holds no copy: it reads the session from the grid, where it is gone. Without Redis
 * there is one instance (or none shares sessions), and invalidating here is all there is.
 *
 * <p>Deactivation and a new password need no message to be enforced by the next request anywhere:
 * {@link SessionAuthenticationMechanism} re-reads the user on every request; the message makes the
 * sockets see it at once.
 */
@ApplicationScoped
public class SessionRegistry {
    static final String CHANNEL = "ansaf:sessions:ended";
    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());

    private final Map<Long, Set<String>> byUser = new ConcurrentHashMap<>();
    private final Map<String, HttpSession> byId = new ConcurrentHashMap<>();
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean stopping;

    @Inject Redis redis;
    @Resource ManagedScheduledExecutorService scheduler;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // Off the start-up thread: an unreachable Redis must not hold up the deployment.
        if (redis.configured()) scheduler.execute(this::subscribe);
    }

    private void subscribe() {
        if (stopping) return;
        try {
            StatefulRedisPubSubConnection<String, String> s = redis.connectPubSub();
            try {
                s.addListener(
                        new RedisPubSubAdapter<>() {
                            @Override
                            public void message(String channel, String sessionId) {
                                invalidateHere(sessionId);
                            }
                        });
                s.sync().subscribe(CHANNEL);
            } catch (RuntimeException e) {
                s.closeAsync();
                throw e;
            }
            subscription = s;
        } catch (RuntimeException e) {
            LOG.fine(() -> "Cannot subscribe to session ends yet: " + e.getMessage());
            if (!stopping)
                scheduler.schedule(
                        this::subscribe, Redis.FIRST_CONNECT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        StatefulRedisPubSubConnection<String, String> s = subscription;
        if (s != null) s.closeAsync();
    }

    /** Notes a session of the user that this instance holds (at login and on every request). */
    void add(long userId, HttpSession session) {
        String id = session.getId();
        if (byId.put(id, session) != session)
            byUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(id);
    }

    /** Forgets a session that ended (timed out, or invalidated here). */
    void remove(HttpSession session) {
        String id = session.getId();
        byId.remove(id, session);
        Object user = safeUserId(session);
        if (user instanceof Long userId) {
            Set<String> ids = byUser.get(userId);
            if (ids != null) ids.remove(id);
        }
    }

    /** Ends a session here and on every other instance (logout, a login over it). */
    void end(HttpSession session) {
        String id = session.getId();
        remove(session);
        invalidate(session);
        publish(List.of(id));
    }

    void endAllOf(long userId) {
        endAllOf(userId, null);
    }

    /**
     * Ends every session of the user that this instance knows but {@code keep} (the caller's own;
     * may be null), here and everywhere else. Sessions this instance never served are ended by
     * {@link SessionAuthenticationMechanism} at their next request.
     */
    void endAllOf(long userId, HttpSession keep) {
        Set<String> ids = byUser.remove(userId);
        if (ids == null) return;
        String kept = keep == null ? null : keep.getId();
        if (kept != null && ids.remove(kept)) add(userId, keep);
        for (String id : ids) invalidateHere(id);
        publish(List.copyOf(ids));
    }

    private void publish(List<String> ids) {
        if (ids.isEmpty()) return;
        redis.commands()
                .ifPresent(
                        c -> {
                            for (String id : ids) c.publish(CHANNEL, id);
                        });
    }

    private void invalidateHere(String sessionId) {
        HttpSession s = byId.remove(sessionId);
        if (s != null) invalidate(s);
    }

    private static void invalidate(HttpSession s) {
        try {
            s.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // ended meanwhile
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
