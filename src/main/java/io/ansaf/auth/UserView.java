package io.ansaf.auth;

/** A user as the API shows it; the password hash never leaves the server. */
public record UserView(Long id, String username, String email, boolean is_staff, boolean is_active) {
    static UserView from(User u) {
        return new UserView(u.id(), u.username(), u.email(), u.staff(), u.active());
    }
}
