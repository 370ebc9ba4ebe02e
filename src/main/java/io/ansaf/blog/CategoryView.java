package io.ansaf.blog;

import io.ansaf.http.Versioned;
import java.time.Instant;
import java.util.List;

/** A category as the API shows it; {@code post_count} counts its published posts. */
public record CategoryView(
        Long id, String name, String slug, String description, long postCount,
        Instant createdAt, Instant updatedAt, int version) implements Versioned {

    static CategoryView from(Category c, long postCount) {
        return new CategoryView(c.id(), c.name(), c.slug(), c.description(), postCount, c.createdAt(), c.updatedAt(), c.version());
    }

    /** Shows its count of published posts: its validators move with them. */
    public static final List<String> SHOWS = List.of("post:public");

    @Override
    public List<String> shows() {
        return SHOWS;
    }

    @Override
    public String model() {
        return "category";
    }
}
