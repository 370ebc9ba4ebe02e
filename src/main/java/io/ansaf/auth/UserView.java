package io.ansaf.auth;

import io.ansaf.content.ContentModel;
import io.ansaf.content.Versioned;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;

/**
 * A user as the API shows it; the password hash never leaves the server. Its version and time of
 * change are not in the body (the contract's user has five fields) but make its {@code ETag} and
 * {@code Last-Modified}, so {@code If-Match} guards user changes like any other.
 */
public record UserView(
        Long id,
        String username,
        String email,
        boolean is_staff,
        boolean is_active,
        @JsonbTransient int version,
        @JsonbTransient Instant updatedAt)
        implements Versioned {
    static UserView from(User u) {
        return new UserView(
                u.id(), u.username(), u.email(), u.staff(), u.active(), u.version(), u.updatedAt());
    }

    @Override
    public ContentModel model() {
        return ContentModel.USER;
    }
}
