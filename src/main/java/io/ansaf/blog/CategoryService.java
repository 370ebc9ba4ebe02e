package io.ansaf.blog;

import io.ansaf.http.JsonInput;
import io.ansaf.http.PageOf;
import io.ansaf.http.ProblemException;
import io.ansaf.http.RequestPreconditions;
import io.ansaf.platform.IdList;
import io.ansaf.platform.ListQuery;
import io.ansaf.platform.Revisions;
import io.ansaf.realtime.Audience;
import io.ansaf.realtime.ContentChanged;
import io.ansaf.text.HtmlSanitizer;
import io.ansaf.text.UniqueSlugs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Categories: readable by everyone, written by staff; deleting one leaves its posts uncategorized. */
@ApplicationScoped
@Transactional
public class CategoryService {
    static final int SLUG_MAX = 120;
    static final Map<String, String> ORDERING = Map.of("name", "c.name", "created_at", "c.created_at", "updated_at", "c.updated_at");

    @PersistenceContext
    EntityManager em;

    @Inject
    JsonInput json;

    @Inject
    RequestPreconditions preconditions;

    @Inject
    UniqueSlugs slugs;

    @Inject
    Revisions revisions;

    @Inject
    Event<ContentChanged> changes;

    /** {@code revisions}: the revision counters the list depends on, read before this call (see ListQuery#countedAt). */
    public PageOf<CategoryView> list(UriInfo uri, String revisions) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        ListQuery query = new ListQuery("categories c")
                .search(q.getFirst("search"), "lower(c.name || ' ' || c.description)")
                .orderBy(q.getFirst("ordering"), "name", ORDERING, List.of());
        String slug = q.getFirst("slug");
        if (slug != null && !slug.isBlank()) query.where("c.slug = ?", slug);
        return query.countedAt(revisions).page(em, uri, this::views);
    }

    List<CategoryView> views(List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        List<Category> found = IdList.query(em, "select c from Category c where c.id in {ids}", Category.class, ids).getResultList();
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : IdList.query(em, "select p.category.id, count(p) from Post p where p.category.id in {ids}"
                        + " and p.status = 'published' and p.deletedAt is null group by p.category.id", Object[].class, ids).getResultList()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        return ListQuery.inOrder(ids, found, Category::id).stream()
                .map(c -> CategoryView.from(c, counts.getOrDefault(c.id(), 0L))).toList();
    }

    public CategoryView get(long id) {
        return views(List.of(require(id).id())).get(0);
    }

    private Category require(long id) {
        Category c = em.find(Category.class, id);
        if (c == null) throw ProblemException.notFound("category", id);
        return c;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CategoryInput readNew(JsonObject body) {
        return json.merge(CategoryInput.DEFAULTS, body, CategoryInput.READ_ONLY, CategoryInput.REQUIRED);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> takenSlugs(String base) {
        return new HashSet<>(em.createQuery("select c.slug from Category c where c.slug = :b or c.slug like :p", String.class)
                .setParameter("b", base).setParameter("p", base + "-%").setMaxResults(1000).getResultList());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public CategoryView insert(CategoryInput in, String slug) {
        String name = HtmlSanitizer.plainText(in.name());
        requireFreeName(name, null);
        Category c = new Category(name, slug, in.description() == null ? "" : HtmlSanitizer.plainText(in.description()));
        em.persist(c);
        em.flush();
        // Posts show their category: their validators follow the category counter (PostView.SHOWS).
        revisions.bump(true, "category");
        CategoryView view = CategoryView.from(c, 0);
        changes.fire(ContentChanged.of("category", "created", c.id(), view, Audience.NOBODY, Audience.EVERYONE));
        return view;
    }

    public CategoryView update(long id, JsonObject body, boolean full) {
        Category c = require(id);
        preconditions.check("category", id, c.version());
        CategoryInput in = json.merge(CategoryInput.of(c), body, CategoryInput.READ_ONLY, full ? CategoryInput.REQUIRED : Set.of());
        String name = HtmlSanitizer.plainText(in.name());
        requireFreeName(name, id);
        c.name(name);
        c.description(in.description() == null ? "" : HtmlSanitizer.plainText(in.description()));
        if (in.slug() != null && !in.slug().equals(c.slug())) c.slug(slugs.requested(in.slug(), SLUG_MAX));
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (UniqueSlugs.isSlugConflict(e)) throw ProblemException.invalid("slug", "category with this slug already exists.");
            throw e;
        }
        // Posts show their category: their validators follow the category counter (PostView.SHOWS).
        revisions.bump(true, "category");
        CategoryView view = get(id);
        changes.fire(ContentChanged.of("category", "updated", id, view, Audience.EVERYONE, Audience.EVERYONE));
        return view;
    }

    public void delete(long id) {
        Category c = require(id);
        preconditions.check("category", id, c.version());
        // Posts keep existing without a category; their version moves because their content changed.
        em.createQuery("update Post p set p.category = null, p.version = p.version + 1, p.updatedAt = :now"
                + " where p.category.id = :id").setParameter("id", id)
                .setParameter("now", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS)).executeUpdate();
        em.remove(c);
        em.flush();
        revisions.bump(true, "category", "post");
        changes.fire(ContentChanged.of("category", "deleted", id, null, Audience.EVERYONE, Audience.NOBODY));
    }

    private void requireFreeName(String name, Long except) {
        if (name.isBlank()) throw ProblemException.invalid("name", "This field may not be blank.");
        List<Long> ids = em.createQuery("select c.id from Category c where c.nameKey = :k", Long.class)
                .setParameter("k", Category.key(name)).getResultList();
        if (!ids.isEmpty() && !ids.get(0).equals(except)) {
            throw ProblemException.invalid("name", "category with this name already exists.");
        }
    }
}
