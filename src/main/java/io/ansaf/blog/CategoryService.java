package io.ansaf.blog;

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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Categories: readable by everyone, written by staff; deleting one leaves its posts uncategorized.
 */
@ApplicationScoped
@Transactional
public class CategoryService extends ContentKind<Category> {
    public CategoryService() {
        super(ContentModel.CATEGORY, Category.class);
    }

    static final int SLUG_MAX = 120;
    static final Map<String, String> ORDERING =
            Map.of("name", "c.name", "created_at", "c.created_at", "updated_at", "c.updated_at");

    @PersistenceContext EntityManager em;

    @Inject JsonInput json;

    @Inject Writes writes;

    @Inject UniqueSlugs slugs;

    /**
     * {@code revisions}: the revision counters the list depends on, read before this call (see
     * ListQuery#countedAt).
     */
    public PageOf<CategoryView> list(ListParams q, String revisions) {
        ListQuery query =
                new ListQuery("categories c")
                        .search(q.first("search"), "lower(c.name || ' ' || c.description)")
                        .orderBy(q.first("ordering"), "name", ORDERING, List.of());
        String slug = q.first("slug");
        if (slug != null && !slug.isBlank()) query.where("c.slug = ?", slug);
        return query.countedAt(revisions).page(em, q, this::views);
    }

    List<CategoryView> views(List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        List<Category> found =
                IdList.query(
                                em,
                                "select c from Category c where c.id in {ids}",
                                Category.class,
                                ids)
                        .getResultList();
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row :
                IdList.query(
                                em,
                                "select p.category.id, count(p) from Post p where p.category.id in {ids}"
                                        + " and p.status = 'published' and p.deletedAt is null group by p.category.id",
                                Object[].class,
                                ids)
                        .getResultList()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        return ListQuery.inOrder(ids, found, Category::id).stream()
                .map(c -> CategoryView.from(c, counts.getOrDefault(c.id(), 0L)))
                .toList();
    }

    public CategoryView get(long id) {
        return view(writes.visible(this, Caller.ANONYMOUS, id));
    }

    // ---- what the write pipeline needs to know about categories: everyone reads them, staff
    // change them

    @Override
    public boolean canRead(Caller caller, Category c) {
        return true;
    }

    @Override
    public void requireMayChange(Caller caller, Category c) {
        Permissions.requireStaff(caller);
    }

    @Override
    public Audience audience(Category c) {
        return Audience.EVERYONE;
    }

    @Override
    public CategoryView view(Category c) {
        return views(List.of(c.id())).get(0);
    }

    // ---- writes

    @Transactional(Transactional.TxType.SUPPORTS)
    public CategoryInput readNew(JsonObject body) {
        return json.merge(
                CategoryInput.DEFAULTS, body, CategoryInput.READ_ONLY, CategoryInput.REQUIRED);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public CategoryView insert(CategoryInput in, String slug) {
        String name = HtmlSanitizer.plainText(in.name());
        requireFreeName(name, null);
        Category c =
                new Category(
                        name,
                        slug,
                        in.description() == null ? "" : HtmlSanitizer.plainText(in.description()));
        return (CategoryView) writes.create(this, c);
    }

    public CategoryView update(Caller caller, long id, JsonObject body, boolean full) {
        return (CategoryView)
                writes.update(
                        this,
                        caller,
                        id,
                        c -> {
                            CategoryInput in =
                                    json.merge(
                                            CategoryInput.of(c),
                                            body,
                                            CategoryInput.READ_ONLY,
                                            full ? CategoryInput.REQUIRED : Set.of());
                            String name = HtmlSanitizer.plainText(in.name());
                            requireFreeName(name, id);
                            c.name(name);
                            c.description(
                                    in.description() == null
                                            ? ""
                                            : HtmlSanitizer.plainText(in.description()));
                            if (in.slug() != null && !in.slug().equals(c.slug()))
                                c.slug(slugs.requested(in.slug(), SLUG_MAX));
                        });
    }

    public void delete(Caller caller, long id) {
        // Posts keep existing without a category; their version moves because their content
        // changed.
        writes.delete(
                this,
                caller,
                writes.visible(this, caller, id),
                c -> {
                    em.createQuery(
                                    "update Post p set p.category = null, p.version = p.version + 1, p.updatedAt = :now"
                                            + " where p.category.id = :id")
                            .setParameter("id", id)
                            .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS))
                            .executeUpdate();
                    em.remove(c);
                },
                ContentModel.POST);
    }

    private void requireFreeName(String name, Long except) {
        if (name.isBlank()) throw ProblemException.invalid("name", "This field may not be blank.");
        List<Long> ids =
                em.createQuery("select c.id from Category c where c.nameKey = :k", Long.class)
                        .setParameter("k", Category.key(name))
                        .getResultList();
        if (!ids.isEmpty() && !ids.get(0).equals(except)) {
            throw ProblemException.invalid("name", "category with this name already exists.");
        }
    }
}
