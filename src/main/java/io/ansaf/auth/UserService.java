package io.ansaf.auth;

import io.ansaf.content.Audience;
import io.ansaf.content.Caller;
import io.ansaf.content.ContentKind;
import io.ansaf.content.ContentModel;
import io.ansaf.content.Permissions;
import io.ansaf.content.Writes;
import io.ansaf.http.JsonInput;
import io.ansaf.http.PageRequest;
import io.ansaf.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Users: lookups for authentication, and the staff-only management behind {@code /auth/users/}.
 * Each public method is one transaction.
 */
@ApplicationScoped
@Transactional
public class UserService extends ContentKind<User> {
    public UserService() {
        super(ContentModel.USER, User.class);
    }

    private static final UserInput DEFAULTS = new UserInput(null, "", null, false, true);

    @PersistenceContext EntityManager em;

    @Inject JsonInput json;

    @Inject SessionRegistry sessions;

    @Inject Writes writes;

    @Inject HttpServletRequest request;

    @Transactional(Transactional.TxType.SUPPORTS)
    public User find(long id) {
        return em.find(User.class, id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public User findByUsername(String username) {
        return em.createQuery("select u from User u where u.usernameKey = :k", User.class)
                .setParameter("k", User.key(username))
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    public long count() {
        return em.createQuery("select count(u) from User u", Long.class).getSingleResult();
    }

    public List<UserView> list(PageRequest page) {
        return em.createQuery("select u from User u order by u.id", User.class)
                .setFirstResult(Math.toIntExact(page.offset()))
                .setMaxResults(page.size())
                .getResultStream()
                .map(UserView::from)
                .toList();
    }

    public UserView get(Caller caller, long id) {
        return UserView.from(writes.visible(this, caller, id));
    }

    // ---- what the write pipeline needs to know about users: staff see and change them

    @Override
    public boolean canRead(Caller caller, User u) {
        return caller.staff();
    }

    @Override
    public void requireMayChange(Caller caller, User u) {
        Permissions.requireStaff(caller);
    }

    /** Users have no socket channel: their changes only move the validators of what shows them. */
    @Override
    public Audience audience(User u) {
        return Audience.NOBODY;
    }

    @Override
    public UserView view(User u) {
        return UserView.from(u);
    }

    // ---- writes

    public UserView create(JsonObject body) {
        UserInput in = json.merge(DEFAULTS, body, UserInput.READ_ONLY);
        if (in.password() == null)
            throw ProblemException.invalid("password", "This field is required.");
        if (findByUsername(in.username()) != null) {
            throw ProblemException.invalid("username", "A user with that username already exists.");
        }
        User u =
                new User(
                        in.username(),
                        in.email(),
                        PasswordHasher.hash(in.password()),
                        in.isStaff());
        u.active(in.isActive());
        return (UserView) writes.create(this, u);
    }

    /**
     * Creates a user unless one with this username exists; never changes an existing one. One
     * statement, so there is no gap between a check and an insert; two instances that run it at the
     * same moment still both see no user, and the unique key refuses the second insert: the caller
     * catches that and re-reads (see AdminBootstrap). Returns whether this call created it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean createIfMissing(String username, String password, boolean staff) {
        int inserted =
                em.createNativeQuery(
                                "INSERT INTO users (username, username_key, email, password_hash, is_staff, is_active,"
                                        + " created_at, updated_at, version) SELECT ?, ?, '', ?, ?, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1"
                                        + " WHERE NOT EXISTS (SELECT 1 FROM users WHERE username_key = ?)")
                        .setParameter(1, username)
                        .setParameter(2, User.key(username))
                        .setParameter(3, PasswordHasher.hash(password))
                        .setParameter(4, staff)
                        .setParameter(5, User.key(username))
                        .executeUpdate();
        return inserted == 1;
    }

    /**
     * Posts, comments and pages show their author's username: the pipeline moves the user counter,
     * so their validators (item and list ETags, cached validators on every instance) move with a
     * rename. A deactivated user's sessions end at once.
     */
    public UserView patch(Caller caller, long id, JsonObject body) {
        boolean[] deactivated = {false};
        boolean[] newPassword = {false};
        UserView view =
                (UserView)
                        writes.update(
                                this,
                                caller,
                                id,
                                u -> {
                                    UserInput in =
                                            json.merge(UserInput.of(u), body, UserInput.READ_ONLY);
                                    if (!User.key(in.username()).equals(User.key(u.username()))
                                            && findByUsername(in.username()) != null) {
                                        throw ProblemException.invalid(
                                                "username",
                                                "A user with that username already exists.");
                                    }
                                    u.rename(in.username());
                                    u.email(in.email() == null ? "" : in.email());
                                    u.staff(in.isStaff());
                                    if (in.password() != null) {
                                        u.passwordHash(PasswordHasher.hash(in.password()));
                                        newPassword[0] = true;
                                    }
                                    deactivated[0] = u.active() && !in.isActive();
                                    u.active(in.isActive());
                                });
        if (deactivated[0]) sessions.endAllOf(id);
        // A new password ends every other session of the user: whoever knew the old one is out.
        else if (newPassword[0])
            sessions.endAllOf(id, caller.owns(id) ? request.getSession(false) : null);
        return view;
    }

    public void deactivate(Caller caller, long id) {
        writes.update(this, caller, id, u -> u.active(false));
        sessions.endAllOf(id);
    }
}
