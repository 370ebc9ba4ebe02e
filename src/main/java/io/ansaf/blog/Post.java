package io.ansaf.blog;

import io.ansaf.auth.User;
import io.ansaf.platform.VersionedEntity;
import io.ansaf.text.HtmlSanitizer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A blog post. Its body is stored already sanitized; {@code view_count} is written only by the view
 * counter's batched {@code UPDATE ... SET view_count = view_count + n} (never by Hibernate, so
 * counting views changes neither {@code version} nor {@code updated_at}).
 */
@Entity
@Table(name = "posts")
public class Post extends VersionedEntity {
    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 220)
    private String slug;

    @Column(nullable = false, length = 500)
    private String excerpt = "";

    @Column(nullable = false)
    private String body = "";

    /** The body as plain text, for ranked search (content.FullText); written with the body. */
    @Column(name = "body_text", nullable = false)
    private String bodyText = "";

    @Column(nullable = false, length = 16)
    private String status;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "category_id")
    private Category category;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id", nullable = false, updatable = false)
    private User author;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "view_count", insertable = false, updatable = false)
    private long viewCount;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Post() {}

    Post(User author) {
        this.author = author;
    }

    public String title() {
        return title;
    }

    void title(String title) {
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    void slug(String slug) {
        this.slug = slug;
    }

    public String excerpt() {
        return excerpt;
    }

    void excerpt(String excerpt) {
        this.excerpt = excerpt;
    }

    public String body() {
        return body;
    }

    public String bodyText() {
        return bodyText;
    }

    void body(String body) {
        this.body = body;
        this.bodyText = HtmlSanitizer.textOf(body);
    }

    public String status() {
        return status;
    }

    /** Sets the status; the first move to {@code published} stamps {@code published_at}. */
    void status(String status) {
        this.status = status;
        if ("published".equals(status) && publishedAt == null) {
            publishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
    }

    public Category category() {
        return category;
    }

    void category(Category category) {
        this.category = category;
    }

    public User author() {
        return author;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public long viewCount() {
        return viewCount;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    void deletedAt(Instant deletedAt) {
        this.deletedAt = deletedAt;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public boolean published() {
        return "published".equals(status) && deletedAt == null;
    }
}
