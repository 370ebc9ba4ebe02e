package io.ansaf.blog;

import io.ansaf.text.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** What staff send to create or change a category; the slug is derived from the name if absent. */
public record CategoryInput(
        @NotBlank(message = "This field may not be blank.")
                @Size(max = 100, message = "Ensure this field has no more than 100 characters.")
                String name,
        @Size(max = 120, message = "Ensure this field has no more than 120 characters.")
                @Pattern(regexp = Slugs.CLIENT_SHAPE, message = Slugs.INVALID_MESSAGE)
                String slug,
        @Size(max = 10_000, message = "Ensure this field has no more than 10000 characters.")
                String description) {

    static final Set<String> READ_ONLY =
            Set.of("id", "post_count", "created_at", "updated_at", "version");
    static final Set<String> REQUIRED = Set.of("name");
    static final CategoryInput DEFAULTS = new CategoryInput(null, null, "");

    static CategoryInput of(Category c) {
        return new CategoryInput(c.name(), c.slug(), c.description());
    }
}
