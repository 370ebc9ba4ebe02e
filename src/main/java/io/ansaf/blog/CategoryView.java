package io.ansaf.blog;

import io.ansaf.content.ContentModel;
import io.ansaf.content.Versioned;
import java.time.Instant;

/** A category as the API shows it; {@code post_count} counts its published posts. */
public record CategoryView(
        Long id,
        String name,
        String slug,
        String description,
        long postCount,
        Instant createdAt,
        Instant updatedAt,
        int version)
        implements Versioned {

    static CategoryView from(Category c, long postCount) {
        return new CategoryView(
                c.id(),
                c.name(),
                c.slug(),
                c.description(),
                postCount,
                c.createdAt(),
                c.updatedAt(),
                c.version());
    }

    @Override
    public ContentModel model() {
        return ContentModel.CATEGORY;
    }
}
