package io.ansaf.blog;

import io.ansaf.auth.UserRef;
import io.ansaf.http.Versioned;
import java.time.Instant;
import java.util.List;

/** A comment as the API shows it. */
public record CommentView(
        Long id, Long post, UserRef author, String body, boolean is_approved,
        Instant createdAt, Instant updatedAt, int version) implements Versioned {

    static CommentView from(Comment c) {
        return new CommentView(c.id(), c.post().id(), UserRef.of(c.author()), c.body(), c.approved(),
                c.createdAt(), c.updatedAt(), c.version());
    }

    /** Shows its author: its validators move with them. */
    public static final List<String> SHOWS = List.of("user");

    @Override
    public List<String> shows() {
        return SHOWS;
    }

    @Override
    public String model() {
        return "comment";
    }
}
