package io.ansaf.page;

import io.ansaf.auth.UserRef;
import io.ansaf.content.ContentModel;
import io.ansaf.content.Versioned;
import jakarta.annotation.Nullable;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page as the API shows it ({@code GET /api/v1/pages/{slug}/}). */
public record PageView(
        Long id,
        String title,
        String slug,
        String body,
        @Schema(enumeration = {"draft", "published"}) String status,
        @Nullable Instant publishedAt,
        UserRef author,
        Instant createdAt,
        Instant updatedAt,
        int version)
        implements Versioned {

    static PageView from(Page p) {
        return new PageView(
                p.id(),
                p.title(),
                p.slug(),
                p.body(),
                p.status(),
                p.publishedAt(),
                UserRef.of(p.author()),
                p.createdAt(),
                p.updatedAt(),
                p.version());
    }

    @Override
    public ContentModel model() {
        return ContentModel.PAGE;
    }
}
