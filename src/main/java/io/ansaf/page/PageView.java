package io.ansaf.page;

import io.ansaf.auth.UserRef;
import io.ansaf.http.Versioned;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page as the API shows it ({@code GET /api/v1/pages/{slug}/}). */
public record PageView(
        Long id, String title, String slug, String body, @Schema(enumeration = {"draft", "published"}) String status, @Nullable Instant publishedAt, UserRef author,
        Instant createdAt, Instant updatedAt, int version) implements Versioned {

    static PageView from(Page p) {
        return new PageView(p.id(), p.title(), p.slug(), p.body(), p.status(), p.publishedAt(), UserRef.of(p.author()),
                p.createdAt(), p.updatedAt(), p.version());
    }

    /** Shows its author: its validators move with them. */
    public static final List<String> SHOWS = List.of("user");

    @Override
    public List<String> shows() {
        return SHOWS;
    }

    @Override
    public String model() {
        return "page";
    }
}
