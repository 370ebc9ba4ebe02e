package io.ansaf.auth;

/** How content shows its author: {@code {"id": 3, "username": "ada"}}. */
public record UserRef(Long id, String username) {
    public static UserRef of(User u) {
        return u == null ? null : new UserRef(u.id(), u.username());
    }
}
