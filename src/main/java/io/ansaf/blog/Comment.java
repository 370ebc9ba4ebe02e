package io.ansaf.blog;

import io.ansaf.auth.User;
import io.ansaf.platform.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A comment on a post; visible to anonymous readers once staff approve it. Soft-deleted. */
@Entity
@Table(name = "comments")
public class Comment extends VersionedEntity {
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "post_id", nullable = false, updatable = false)
    private Post post;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "author_id", nullable = false, updatable = false)
    private User author;

    @Column(nullable = false)
    private String body;

    @Column(name = "is_approved", nullable = false)
    private boolean approved;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected Comment() {}

    Comment(Post post, User author) {
        this.post = post;
        this.author = author;
    }

    public Post post() {
        return post;
    }

    public User author() {
        return author;
    }

    public String body() {
        return body;
    }

    void body(String body) {
        this.body = body;
    }

    public boolean approved() {
        return approved;
    }

    void approved(boolean approved) {
        this.approved = approved;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    void deletedAt(Instant deletedAt) {
        this.deletedAt = deletedAt;
    }
}
