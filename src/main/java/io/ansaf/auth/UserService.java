package io.ansaf.auth;

import io.ansaf.http.JsonInput;
import io.ansaf.http.PageRequest;
import io.ansaf.http.ProblemException;
import io.ansaf.platform.Revisions;
import io.ansaf.realtime.Audience;
import io.ansaf.realtime.ContentChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;

/**
 * Users: lookups for authentication, and the staff-only management behind {@code /auth/users/}.
 * Each public method is one transaction.
 */
@ApplicationScoped
@Transactional
public class UserService {
    private static final UserInput DEFAULTS = new UserInput(null, "", null, false, true);

    @PersistenceContext
    EntityManager em;

    @Inject
    JsonInput json;

    @Inject
    SessionRegistry sessions;

    @Inject
    Revisions revisions;

    @Inject
    Event<ContentChanged> changes;

    @Transactional(Transactional.TxType.SUPPORTS)
    public User find(long id) {
        return em.find(User.class, id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public User findByUsername(String username) {
        return em.createQuery("select u from User u where u.usernameKey = :k", User.class)
                .setParameter("k", User.key(username))
                .getResultStream().findFirst().orElse(null);
    }

    public long count() {
        return em.createQuery("select count(u) from User u", Long.class).getSingleResult();
    }

    public List<UserView> list(PageRequest page) {
        return em.createQuery("select u from User u order by u.id", User.class)
                .setFirstResult(Math.toIntExact(page.offset())).setMaxResults(page.size())
                .getResultStream().map(UserView::from).toList();
    }

    public UserView get(long id) {
        return UserView.from(require(id));
    }

    public UserView create(JsonObject body) {
        UserInput in = json.merge(DEFAULTS, body, UserInput.READ_ONLY);
        if (in.password() == null) throw ProblemException.invalid("password", "This field is required.");
        if (findByUsername(in.username()) != null) {
            throw ProblemException.invalid("username", "A user with that username already exists.");
        }
        User u = new User(in.username(), in.email(), PasswordHasher.hash(in.password()), in.isStaff());
        u.active(in.isActive());
        em.persist(u);
        em.flush();
        return UserView.from(u);
    }

    /**
     * Creates a user unless one with this username exists; never changes an existing one. One
     * statement, so there is no gap between a check and an insert; two instances that run it at
     * the same moment still both see no user, and the unique key refuses the second insert: the
     * caller catches that and re-reads (see AdminBootstrap). Returns whether this call created it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean createIfMissing(String username, String password, boolean staff) {
        int inserted = em.createNativeQuery("INSERT INTO users (username, username_key, email, password_hash, is_staff, is_active,"
                        + " created_at, updated_at, version) SELECT ?, ?, '', ?, ?, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1"
                        + " WHERE NOT EXISTS (SELECT 1 FROM users WHERE username_key = ?)")
                .setParameter(1, username).setParameter(2, User.key(username)).setParameter(3, PasswordHasher.hash(password))
                .setParameter(4, staff).setParameter(5, User.key(username))
                .executeUpdate();
        return inserted == 1;
    }

    public UserView patch(long id, JsonObject body) {
        User u = require(id);
        UserInput in = json.merge(UserInput.of(u), body, UserInput.READ_ONLY);
        if (!User.key(in.username()).equals(User.key(u.username()))) {
            if (findByUsername(in.username()) != null) {
                throw ProblemException.invalid("username", "A user with that username already exists.");
            }
        }
        boolean renamed = !in.username().equals(u.username());
        u.rename(in.username());
        u.email(in.email() == null ? "" : in.email());
        u.staff(in.isStaff());
        if (in.password() != null) u.passwordHash(PasswordHasher.hash(in.password()));
        boolean deactivated = u.active() && !in.isActive();
        u.active(in.isActive());
        em.flush();
        if (renamed) authorRenamed(id);
        if (deactivated) sessions.endAllOf(id);
        return UserView.from(u);
    }

    public void deactivate(long id) {
        User u = require(id);
        u.active(false);
        em.flush();
        sessions.endAllOf(id);
    }

    /**
     * Posts, comments and pages show their author's username: their validators (item and list
     * ETags, cached validators on every instance) must move when it changes. The change is fired
     * like content's, on a channel no socket listens to.
     */
    private void authorRenamed(long id) {
        revisions.bump(true, "user");
        changes.fire(ContentChanged.of("user", "updated", id, null, Audience.NOBODY, Audience.NOBODY));
    }

    private User require(long id) {
        User u = em.find(User.class, id);
        if (u == null) throw ProblemException.notFound("user", id);
        return u;
    }
}
