package io.ansaf.page;

import io.ansaf.text.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** What staff send to create or change a page; the slug is derived from the title if absent. */
public record PageInput(
        @NotBlank(message = "This field may not be blank.")
                @Size(max = 200, message = "Ensure this field has no more than 200 characters.")
                String title,
        @Size(max = 220, message = "Ensure this field has no more than 220 characters.")
                @Pattern(regexp = Slugs.CLIENT_SHAPE, message = Slugs.INVALID_MESSAGE)
                String slug,
        @Size(max = 5_000_000, message = "Ensure this field has no more than 5000000 characters.")
                String body,
        @NotNull(message = "This field may not be null.")
                @Pattern(
                        regexp = "draft|published",
                        message = "\"{validatedValue}\" is not a valid choice.")
                String status) {

    static final Set<String> READ_ONLY =
            Set.of("id", "author", "published_at", "created_at", "updated_at", "version", "search");
    static final Set<String> REQUIRED = Set.of("title");
    static final PageInput DEFAULTS = new PageInput(null, null, "", "draft");

    static PageInput of(Page p) {
        return new PageInput(p.title(), p.slug(), p.body(), p.status());
    }
}
