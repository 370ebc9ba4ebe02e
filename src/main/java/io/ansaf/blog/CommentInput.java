package io.ansaf.blog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * What a client sends to create or change a comment; {@code is_approved} counts only from staff.
 */
public record CommentInput(
        @NotNull(message = "This field may not be null.") Long post,
        @NotBlank(message = "This field may not be blank.")
                @Size(
                        max = 10_000,
                        message = "Ensure this field has no more than 10000 characters.")
                String body,
        @NotNull(message = "This field may not be null.") Boolean isApproved) {

    static final Set<String> READ_ONLY =
            Set.of("id", "author", "created_at", "updated_at", "version");
    static final Set<String> REQUIRED = Set.of("post", "body");
    static final CommentInput DEFAULTS = new CommentInput(null, null, false);

    static CommentInput of(Comment c) {
        return new CommentInput(c.post().id(), c.body(), c.approved());
    }
}
