package io.ansaf.blog;

import io.ansaf.auth.User;
import io.ansaf.content.Audience;
import io.ansaf.content.Caller;
import io.ansaf.content.ContentKind;
import io.ansaf.content.ContentModel;
import io.ansaf.content.Edit;
import io.ansaf.content.FullText;
import io.ansaf.content.ItemValidators;
import io.ansaf.content.ListQuery;
import io.ansaf.content.Permissions;
import io.ansaf.content.RequestSnapshot;
import io.ansaf.content.RevisionLog;
import io.ansaf.content.RevisionReads;
import io.ansaf.content.Writes;
import io.ansaf.http.JsonInput;
import io.ansaf.http.ListParams;
import io.ansaf.http.PageOf;
import io.ansaf.http.ProblemException;
import io.ansaf.platform.IdList;
import io.ansaf.text.HtmlSanitizer;
import io.ansaf.text.UniqueSlugs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Posts: who sees what (anonymous: published; authors: also their own drafts and archived posts;
 * staff: everything, deleted posts with {@code ?status=deleted}), and every write as one
 * transaction that checks {@code If-Match}, bumps the list revision and fires {@link
 * ContentChanged} for the sockets (delivered only after commit).
 */
@ApplicationScoped
@Transactional
public class PostService extends ContentKind<Post> {
    public PostService() {
        super(ContentModel.POST, Post.class);
    }

    static final int SLUG_MAX = 220;
    static final Map<String, String> ORDERING =
            Map.of(
                    "created_at",
                    "p.created_at",
                    "updated_at",
                    "p.updated_at",
                    "published_at",
                    "p.published_at",
                    "title",
                    "p.title",
                    "view_count",
                    "p.view_count");
    static final String DEFAULT_ORDERING = "-published_at,-created_at";

    /** Exactly the expression of PostgreSQL's trigram index ix_posts_search_trgm. */
    static final String SEARCH_EXPRESSION = "lower(p.title || ' ' || p.excerpt || ' ' || p.body)";

    @PersistenceContext EntityManager em;

    @Inject JsonInput json;

    @Inject Writes writes;

    @Inject UniqueSlugs slugs;

    @Inject RequestSnapshot snapshot;

    @Inject ViewCounter views;

    @Inject RevisionReads revisions;

    @Inject FullText fullText;

    // ---- reads

    /**
     * {@code revisions}: the revision counters the list depends on, read before this call (see
     * ListQuery#countedAt).
     */
    public PageOf<?> list(Caller caller, ListParams q, String revisions) {
        ListQuery query = new ListQuery("posts p");
        String status = q.first("status");
        if ("deleted".equals(status)) {
            query.where(caller.staff() ? "p.deleted_at IS NOT NULL" : "1 = 0");
        } else {
            query.where("p.deleted_at IS NULL");
            if (!caller.staff()) {
                if (caller.authenticated())
                    query.where("p.status = 'published' OR p.author_id = ?", caller.id());
                else query.where("p.status = 'published'");
            }
            if (status != null && !status.isBlank()) {
                if (!Set.of("draft", "published", "archived").contains(status)) {
                    throw ProblemException.invalid(
                            "status",
                            "Select a valid choice. "
                                    + status
                                    + " is not one of the available choices.");
                }
                query.where("p.status = ?", status);
            }
        }
        String category = q.first("category");
        if (category != null && !category.isBlank())
            query.where("p.category_id = ?", categoryId(category));
        String author = q.first("author");
        if (author != null && !author.isBlank()) query.where("p.author_id = ?", authorId(author));
        query.search(q.first("search"), SEARCH_EXPRESSION);
        String ordering = q.first("ordering");
        query.orderBy(ordering, DEFAULT_ORDERING, ORDERING, List.of("published_at"));
        FullText.Search search = FullText.parse(q.first("q"));
        if (search == null) return query.countedAt(revisions).page(em, q, this::views);
        fullText.apply(query, FullText.POSTS, search, ordering != null && !ordering.isBlank());
        return query.countedAt(revisions).page(em, q, ids -> found(ids, search));
    }

    /** Views of the posts a ranked search found, with their rank and headline. */
    private List<jakarta.json.JsonObject> found(List<Long> ids, FullText.Search search) {
        List<Post> posts = ListQuery.inOrder(ids, load(ids), Post::id);
        Map<Long, FullText.Texts> texts = new java.util.LinkedHashMap<>();
        for (Post p : posts)
            texts.put(p.id(), new FullText.Texts(p.title(), p.excerpt(), p.bodyText()));
        Map<Long, FullText.SearchHit> hits = fullText.hits(em, FullText.POSTS, search, texts);
        return viewsOf(posts).stream().map(v -> FullText.result(v, hits.get(v.id()))).toList();
    }

    /**
     * Views of posts by id, in that order: one query for posts with author and category, one for
     * comment counts.
     */
    List<PostView> views(List<Long> ids) {
        return ids.isEmpty() ? List.of() : viewsOf(ListQuery.inOrder(ids, load(ids), Post::id));
    }

    private List<Post> load(List<Long> ids) {
        return IdList.query(
                        em,
                        "select p from Post p join fetch p.author left join fetch p.category where p.id in {ids}",
                        Post.class,
                        ids)
                .getResultList();
    }

    private List<PostView> viewsOf(List<Post> posts) {
        if (posts.isEmpty()) return List.of();
        Map<Long, Long> comments = new HashMap<>();
        for (Object[] row :
                IdList.query(
                                em,
                                "select c.post.id, count(c) from Comment c where c.post.id in {ids}"
                                        + " and c.approved = true and c.deletedAt is null group by c.post.id",
                                Object[].class,
                                posts.stream().map(Post::id).toList())
                        .getResultList()) {
            comments.put((Long) row[0], (Long) row[1]);
        }
        return posts.stream()
                .map(
                        p ->
                                PostView.from(
                                        p,
                                        comments.getOrDefault(p.id(), 0L),
                                        views.pending(p.id())))
                .toList();
    }

    private Long categoryId(String idOrSlug) {
        List<Long> found =
                idOrSlug.matches("\\d{1,18}")
                        ? em.createQuery("select c.id from Category c where c.id = :id", Long.class)
                                .setParameter("id", Long.parseLong(idOrSlug))
                                .getResultList()
                        : em.createQuery(
                                        "select c.id from Category c where c.slug = :s", Long.class)
                                .setParameter("s", idOrSlug)
                                .getResultList();
        if (found.isEmpty())
            throw ProblemException.invalid(
                    "category",
                    "Select a valid choice. That choice is not one of the available choices.");
        return found.get(0);
    }

    private Long authorId(String idOrUsername) {
        List<Long> found =
                idOrUsername.matches("\\d{1,18}")
                        ? em.createQuery("select u.id from User u where u.id = :id", Long.class)
                                .setParameter("id", Long.parseLong(idOrUsername))
                                .getResultList()
                        : em.createQuery(
                                        "select u.id from User u where u.usernameKey = lower(:n)",
                                        Long.class)
                                .setParameter("n", idOrUsername)
                                .getResultList();
        // An unknown author has no posts: answered like a known one, so the filter tells nobody
        // which usernames exist.
        return found.isEmpty() ? -1L : found.get(0);
    }

    /** One post as {@code caller} may see it, or 404. A published post's read counts a view. */
    public PostView get(Caller caller, long id) {
        List<Post> found = load(List.of(id));
        if (found.isEmpty() || !canRead(caller, found.get(0)))
            throw ProblemException.notFound("post", id);
        if (found.get(0).published()) views.count(id);
        return viewsOf(found).get(0);
    }

    /** A post's validators, and whether a read of it counts a view (it is published). */
    public record Validators(ItemValidators validators, boolean countsViews) {}

    /**
     * The validators of one post as {@code caller} may see it, from one small query, for
     * conditional GETs answered without loading or serializing the post; empty when it is not
     * visible. Counts nothing: the caller counts a view when it answers {@code 304}, and {@link
     * #get} counts it otherwise, so a conditional GET counts exactly one.
     */
    public Optional<Validators> validators(Caller caller, long id) {
        List<Object[]> rows =
                em.createQuery(
                                "select p.version, p.updatedAt, p.status, p.author.id, p.deletedAt from Post p where p.id = :id",
                                Object[].class)
                        .setParameter("id", id)
                        .getResultList();
        if (rows.isEmpty()) return Optional.empty();
        Object[] r = rows.get(0);
        String status = (String) r[2];
        boolean deleted = r[4] != null;
        if (!canRead(caller, status, (Long) r[3], deleted)) return Optional.empty();
        ItemValidators v =
                ItemValidators.of(
                        ContentModel.POST, id, (Integer) r[0], (Instant) r[1], snapshot.get());
        return Optional.of(new Validators(v, "published".equals(status) && !deleted));
    }

    // ---- what the write pipeline needs to know about posts

    @Override
    public boolean canRead(Caller caller, Post p) {
        return canRead(caller, p.status(), p.author().id(), p.deleted());
    }

    static boolean canRead(Caller caller, String status, Long authorId, boolean deleted) {
        if (caller.staff()) return true;
        if (deleted) return false;
        return "published".equals(status) || caller.owns(authorId);
    }

    @Override
    public void requireMayChange(Caller caller, Post p) {
        Permissions.requireOwnerOrStaff(caller, p.author().id());
    }

    @Override
    public Audience audience(Post p) {
        if (p.deleted()) return Audience.NOBODY;
        return new Audience(p.published(), p.author().id());
    }

    @Override
    public PostView view(Post p) {
        return views(List.of(p.id())).get(0);
    }

    @Override
    public boolean deleted(Post p) {
        return p.deleted();
    }

    @Override
    public Map<String, Object> revisionContent(Post p) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("title", p.title());
        c.put("slug", p.slug());
        c.put("excerpt", p.excerpt());
        c.put("body", p.body());
        c.put("status", p.status());
        c.put("category", p.category() == null ? null : p.category().id());
        return c;
    }

    @Override
    public Long ownerId(Post p) {
        return p.author().id();
    }

    /** The post as {@code caller} may read its revisions (author and staff). */
    public Post withHistory(Caller caller, long id) {
        Post p = em.find(Post.class, id);
        return revisions.requireMayRead(this, caller, p, id);
    }

    // ---- writes

    /** The input of a new post, validated before any transaction starts. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PostInput readNew(JsonObject body) {
        return json.merge(PostInput.DEFAULTS, body, PostInput.READ_ONLY, PostInput.REQUIRED);
    }

    /**
     * Inserts a post under {@code slug}; a slug conflict escapes as a persistence exception (see
     * UniqueSlugs).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PostView insert(Caller caller, PostInput in, String slug) {
        Post p = new Post(em.getReference(User.class, caller.id()));
        apply(p, in);
        p.slug(slug);
        return (PostView) writes.create(this, p);
    }

    /**
     * PATCH ({@code full = false}) or PUT ({@code full = true}) of a post by its author or staff.
     */
    public PostView update(Caller caller, long id, JsonObject body, boolean full) {
        return (PostView)
                writes.update(
                        this,
                        caller,
                        id,
                        Edit.sending(JsonInput.sentFields(body, PostInput.READ_ONLY)),
                        p -> {
                            PostInput in =
                                    json.merge(
                                            PostInput.of(p),
                                            body,
                                            PostInput.READ_ONLY,
                                            full ? PostInput.REQUIRED : Set.of());
                            apply(p, in);
                            if (in.slug() != null && !in.slug().equals(p.slug()))
                                p.slug(slugs.requested(in.slug(), SLUG_MAX));
                        });
    }

    /** Soft delete: the post disappears for everyone but staff, who can restore it. */
    public void delete(Caller caller, long id) {
        writes.delete(
                this,
                caller,
                writes.visible(this, caller, id),
                p -> {
                    p.deletedAt(Instant.now().truncatedTo(ChronoUnit.MICROS));
                    p.touch();
                });
    }

    public PostView restore(Caller caller, long id) {
        Permissions.requireStaff(caller);
        return (PostView)
                writes.update(
                        this,
                        caller,
                        id,
                        Edit.as("restored"),
                        p -> {
                            if (!p.deleted())
                                throw ProblemException.conflict("Post " + id + " is not deleted.");
                            p.deletedAt(null);
                            p.touch();
                        });
    }

    /**
     * The post's content becomes that of its revision {@code version}, as a new version: a slug now
     * held by another post gives way to the next free one, a category deleted since to none.
     */
    public PostView revert(Caller caller, long id, int version) {
        Post post = withHistory(caller, id);
        requireMayChange(caller, post);
        Map<String, Object> data = new LinkedHashMap<>(revisions.content(this, post, version));
        if (data.get("category") instanceof Number c
                && em.find(Category.class, c.longValue()) == null) data.put("category", null);
        String slug = (String) data.remove("slug");
        return (PostView)
                writes.update(
                        this,
                        caller,
                        post,
                        Edit.as("reverted"),
                        p -> {
                            apply(
                                    p,
                                    json.merge(
                                            PostInput.of(p),
                                            RevisionLog.jsonOf(data),
                                            PostInput.READ_ONLY,
                                            Set.of()));
                            p.slug(writes.freeSlug(Post.class, slug, p.slug(), SLUG_MAX));
                        });
    }

    private void apply(Post p, PostInput in) {
        p.title(HtmlSanitizer.plainText(in.title()));
        p.excerpt(in.excerpt() == null ? "" : HtmlSanitizer.plainText(in.excerpt()));
        p.body(in.body() == null ? "" : HtmlSanitizer.rich(in.body()));
        p.status(in.status());
        if (in.category() == null) {
            p.category(null);
        } else {
            Category c = em.find(Category.class, in.category());
            if (c == null)
                throw ProblemException.invalid(
                        "category",
                        "Invalid pk \"" + in.category() + "\" - object does not exist.");
            p.category(c);
        }
        if (p.title().isBlank())
            throw ProblemException.invalid("title", "This field may not be blank.");
    }
}
