package io.ansaf.blog;

import io.ansaf.auth.UserRef;
import io.ansaf.content.ContentModel;
import io.ansaf.content.Versioned;
import java.time.Instant;

/** A comment as the API shows it. */
public record CommentView(
        Long id,
        Long post,
        UserRef author,
        String body,
        boolean is_approved,
        Instant createdAt,
        Instant updatedAt,
        int version)
        implements Versioned {

    static CommentView from(Comment c) {
        return new CommentView(
                c.id(),
                c.post().id(),
                UserRef.of(c.author()),
                c.body(),
                c.approved(),
                c.createdAt(),
                c.updatedAt(),
                c.version());
    }

    @Override
    public ContentModel model() {
        return ContentModel.COMMENT;
    }
}
