package io.ansaf.blog;

import io.ansaf.auth.User;
import io.ansaf.content.Audience;
import io.ansaf.content.Caller;
import io.ansaf.content.ContentKind;
import io.ansaf.content.ContentModel;
import io.ansaf.content.ListQuery;
import io.ansaf.content.Permissions;
import io.ansaf.content.Writes;
import io.ansaf.http.JsonInput;
import io.ansaf.http.ListParams;
import io.ansaf.http.PageOf;
import io.ansaf.http.ProblemException;
import io.ansaf.platform.IdList;
import io.ansaf.text.HtmlSanitizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Comments: anonymous readers see approved comments of posts they can read; authors also their own;
 * staff everything. Bodies are sanitized with the strict policy; only staff approve.
 */
@ApplicationScoped
@Transactional
public class CommentService extends ContentKind<Comment> {
    public CommentService() {
        super(ContentModel.COMMENT, Comment.class);
    }

    static final Map<String, String> ORDERING =
            Map.of("created_at", "c.created_at", "updated_at", "c.updated_at");

    @PersistenceContext EntityManager em;

    @Inject JsonInput json;

    @Inject Writes writes;

    @Inject PostService posts;

    /**
     * {@code revisions}: the revision counters the list depends on, read before this call (see
     * ListQuery#countedAt).
     */
    public PageOf<CommentView> list(Caller caller, ListParams q, String revisions) {
        ListQuery query =
                new ListQuery("comments c JOIN posts p ON p.id = c.post_id", "c")
                        .where("c.deleted_at IS NULL");
        if (!caller.staff()) {
            String postVisible =
                    caller.authenticated()
                            ? "p.deleted_at IS NULL AND (p.status = 'published' OR p.author_id = ?)"
                            : "p.deleted_at IS NULL AND p.status = 'published'";
            if (caller.authenticated()) {
                query.where(
                        "c.author_id = ? OR (c.is_approved = TRUE AND " + postVisible + ")",
                        caller.id(),
                        caller.id());
            } else {
                query.where("c.is_approved = TRUE AND " + postVisible);
            }
        }
        String post = q.first("post");
        if (post != null && !post.isBlank()) {
            try {
                query.where("c.post_id = ?", Long.parseLong(post.trim()));
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("post", "A valid integer is required.");
            }
        }
        String approved = q.first("is_approved");
        if (approved != null && !approved.isBlank()) {
            if (!approved.equals("true") && !approved.equals("false"))
                throw ProblemException.invalid("is_approved", "Must be a valid boolean.");
            query.where("c.is_approved = ?", Boolean.parseBoolean(approved));
        }
        query.search(q.first("search"), "lower(c.body)");
        query.orderBy(q.first("ordering"), "created_at", ORDERING, List.of());
        return query.countedAt(revisions)
                .page(
                        em,
                        q,
                        ids ->
                                ListQuery.inOrder(
                                                ids,
                                                IdList.query(
                                                                em,
                                                                "select c from Comment c join fetch c.author join fetch c.post where c.id in {ids}",
                                                                Comment.class,
                                                                ids)
                                                        .getResultList(),
                                                Comment::id)
                                        .stream()
                                        .map(CommentView::from)
                                        .toList());
    }

    public CommentView get(Caller caller, long id) {
        return CommentView.from(writes.visible(this, caller, id));
    }

    // ---- what the write pipeline needs to know about comments

    @Override
    public boolean canRead(Caller caller, Comment c) {
        if (caller.staff()) return true;
        if (c.deletedAt() != null) return false;
        if (caller.owns(c.author().id())) return true;
        return c.approved() && !c.post().deleted() && posts.canRead(caller, c.post());
    }

    @Override
    public void requireMayChange(Caller caller, Comment c) {
        Permissions.requireOwnerOrStaff(caller, c.author().id());
    }

    @Override
    public Audience audience(Comment c) {
        if (c.deletedAt() != null || c.post().deleted()) return Audience.NOBODY;
        return new Audience(c.approved() && c.post().published(), c.author().id());
    }

    @Override
    public CommentView view(Comment c) {
        return CommentView.from(c);
    }

    @Override
    public boolean deleted(Comment c) {
        return c.deletedAt() != null;
    }

    // ---- writes

    public CommentView create(Caller caller, JsonObject body) {
        Permissions.requireAuthenticated(caller);
        CommentInput in =
                json.merge(
                        CommentInput.DEFAULTS, body, CommentInput.READ_ONLY, CommentInput.REQUIRED);
        Comment c =
                new Comment(
                        readablePost(caller, in.post()), em.getReference(User.class, caller.id()));
        c.body(HtmlSanitizer.strict(in.body()));
        c.approved(caller.staff() && in.isApproved());
        return (CommentView) writes.create(this, c);
    }

    private Post readablePost(Caller caller, Long postId) {
        Post p = em.find(Post.class, postId);
        if (p == null || p.deleted() || !posts.canRead(caller, p)) {
            throw ProblemException.invalid(
                    "post", "Invalid pk \"" + postId + "\" - object does not exist.");
        }
        return p;
    }

    public CommentView update(Caller caller, long id, JsonObject body, boolean full) {
        return (CommentView)
                writes.update(
                        this,
                        caller,
                        id,
                        c -> {
                            CommentInput in =
                                    json.merge(
                                            CommentInput.of(c),
                                            body,
                                            CommentInput.READ_ONLY,
                                            full ? Set.of("body") : Set.of());
                            if (!in.post().equals(c.post().id()))
                                throw ProblemException.invalid(
                                        "post", "A comment cannot move to another post.");
                            String text = HtmlSanitizer.strict(in.body());
                            // A non-staff edit of an approved comment goes back to moderation.
                            if (!caller.staff() && c.approved() && !text.equals(c.body()))
                                c.approved(false);
                            c.body(text);
                            if (caller.staff()) c.approved(in.isApproved());
                        });
    }

    public void delete(Caller caller, long id) {
        writes.delete(
                this,
                caller,
                writes.visible(this, caller, id),
                c -> c.deletedAt(Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }
}
