package io.ansaf.blog;

import io.ansaf.text.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * What a client sends to create or change a post. {@code slug} may be omitted (derived from the
 * title); one that is sent is made into the site's slug form (transliterated to ASCII by default,
 * see UniqueSlugs). {@code body} is HTML and is sanitized before it is stored.
 */
public record PostInput(
        @NotBlank(message = "This field may not be blank.")
                @Size(max = 200, message = "Ensure this field has no more than 200 characters.")
                String title,
        @Size(max = 220, message = "Ensure this field has no more than 220 characters.")
                @Pattern(regexp = Slugs.CLIENT_SHAPE, message = Slugs.INVALID_MESSAGE)
                String slug,
        @Size(max = 500, message = "Ensure this field has no more than 500 characters.")
                String excerpt,
        @Size(max = 5_000_000, message = "Ensure this field has no more than 5000000 characters.")
                String body,
        @NotNull(message = "This field may not be null.")
                @Pattern(
                        regexp = "draft|published|archived",
                        message = "\"{validatedValue}\" is not a valid choice.")
                String status,
        Long category) {

    static final Set<String> READ_ONLY =
            Set.of(
                    "id",
                    "category_detail",
                    "author",
                    "published_at",
                    "view_count",
                    "comment_count",
                    "created_at",
                    "updated_at",
                    "version",
                    "search");
    static final Set<String> REQUIRED = Set.of("title");
    static final PostInput DEFAULTS = new PostInput(null, null, "", "", "draft", null);

    static PostInput of(Post p) {
        return new PostInput(
                p.title(),
                p.slug(),
                p.excerpt(),
                p.body(),
                p.status(),
                p.category() == null ? null : p.category().id());
    }
}
