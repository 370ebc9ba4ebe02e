package io.ansaf.blog;

import io.ansaf.auth.UserRef;
import io.ansaf.content.ContentModel;
import io.ansaf.content.Versioned;
import jakarta.annotation.Nullable;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A post as the API shows it ({@code GET /api/v1/blogs/posts/{id}/}). */
public record PostView(
        Long id,
        String title,
        String slug,
        String excerpt,
        String body,
        @Schema(enumeration = {"draft", "published", "archived"}) String status,
        @Nullable Long category,
        @Nullable CategoryRef categoryDetail,
        UserRef author,
        @Nullable Instant publishedAt,
        long viewCount,
        long commentCount,
        Instant createdAt,
        Instant updatedAt,
        int version)
        implements Versioned {

    /** The {@code category_detail} of a post. */
    public record CategoryRef(Long id, String name, String slug) {}

    static PostView from(Post p, long commentCount, long pendingViews) {
        Category c = p.category();
        return new PostView(
                p.id(),
                p.title(),
                p.slug(),
                p.excerpt(),
                p.body(),
                p.status(),
                c == null ? null : c.id(),
                c == null ? null : new CategoryRef(c.id(), c.name(), c.slug()),
                UserRef.of(p.author()),
                p.publishedAt(),
                p.viewCount() + pendingViews,
                commentCount,
                p.createdAt(),
                p.updatedAt(),
                p.version());
    }

    @Override
    public ContentModel model() {
        return ContentModel.POST;
    }
}
