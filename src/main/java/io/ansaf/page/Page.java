package io.ansaf.page;

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

/** A static page, addressed by its slug. Staff manage pages; soft-deleted. */
@Entity
@Table(name = "pages")
public class Page extends VersionedEntity {
    @Column(nullable = false, length = 200)
    private String title;

    @Column(nullable = false, length = 220)
    private String slug;

    @Column(nullable = false)
    private String body = "";

    /** The body as plain text, for ranked search (content.FullText); written with the body. */
    @Column(name = "body_text", nullable = false)
    private String bodyText = "";

    @Column(nullable = false, length = 16)
    private String status;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id", nullable = false, updatable = false)
    private User author;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Page() {}

    Page(User author) {
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

    void status(String status) {
        this.status = status;
        if ("published".equals(status) && publishedAt == null)
            publishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public User author() {
        return author;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    void deletedAt(Instant deletedAt) {
        this.deletedAt = deletedAt;
    }

    public boolean published() {
        return "published".equals(status) && deletedAt == null;
    }
}
