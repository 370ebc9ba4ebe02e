package io.ansaf.page;

import io.ansaf.auth.User;
import io.ansaf.content.Audience;
import io.ansaf.content.Caller;
import io.ansaf.content.ContentKind;
import io.ansaf.content.ContentModel;
import io.ansaf.content.Edit;
import io.ansaf.content.FullText;
import io.ansaf.content.ListQuery;
import io.ansaf.content.Permissions;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pages: everyone reads published pages, staff read and write all. A page renamed to a new slug
 * leaves its old slug behind as a redirect, so old links keep working (301).
 */
@ApplicationScoped
@Transactional
public class PageService extends ContentKind<Page> {
    public PageService() {
        super(ContentModel.PAGE, Page.class);
    }

    static final int SLUG_MAX = 220;
    static final Map<String, String> ORDERING =
            Map.of(
                    "title",
                    "g.title",
                    "created_at",
                    "g.created_at",
                    "updated_at",
                    "g.updated_at",
                    "published_at",
                    "g.published_at");

    @Inject FullText fullText;

    @PersistenceContext EntityManager em;

    @Inject JsonInput json;

    @Inject Writes writes;

    @Inject UniqueSlugs slugs;

    @Inject RevisionReads revisions;

    /**
     * {@code revisions}: the revision counters the list depends on, read before this call (see
     * ListQuery#countedAt).
     */
    public PageOf<?> list(Caller caller, ListParams q, String revisions) {
        ListQuery query = new ListQuery("pages g");
        String status = q.first("status");
        if ("deleted".equals(status)) {
            query.where(caller.staff() ? "g.deleted_at IS NOT NULL" : "1 = 0");
        } else {
            query.where("g.deleted_at IS NULL");
            if (!caller.staff()) query.where("g.status = 'published'");
            if (status != null && !status.isBlank()) {
                if (!Set.of("draft", "published").contains(status)) {
                    throw ProblemException.invalid(
                            "status",
                            "Select a valid choice. "
                                    + status
                                    + " is not one of the available choices.");
                }
                query.where("g.status = ?", status);
            }
        }
        query.search(q.first("search"), "lower(g.title || ' ' || g.body)");
        String ordering = q.first("ordering");
        query.orderBy(ordering, "title", ORDERING, List.of("published_at"));
        FullText.Search search = FullText.parse(q.first("q"));
        if (search != null)
            fullText.apply(query, FullText.PAGES, search, ordering != null && !ordering.isBlank());
        return query.countedAt(revisions).page(em, q, ids -> views(ids, search));
    }

    /** Views of pages by id, in that order; with their rank and headline for a ranked search. */
    private List<?> views(List<Long> ids, FullText.Search search) {
        List<Page> pages =
                ListQuery.inOrder(
                        ids,
                        IdList.query(
                                        em,
                                        "select g from Page g join fetch g.author where g.id in {ids}",
                                        Page.class,
                                        ids)
                                .getResultList(),
                        Page::id);
        if (search == null) return pages.stream().map(PageView::from).toList();
        Map<Long, FullText.Texts> texts = new java.util.LinkedHashMap<>();
        for (Page p : pages) texts.put(p.id(), new FullText.Texts(p.title(), null, p.bodyText()));
        Map<Long, FullText.SearchHit> hits = fullText.hits(em, FullText.PAGES, search, texts);
        return pages.stream()
                .map(p -> FullText.result(PageView.from(p), hits.get(p.id())))
                .toList();
    }

    /**
     * The page at {@code slug}, or, if the slug is an old one, empty with the current slug in
     * {@code redirect}.
     */
    public PageView get(Caller caller, String slug) {
        return PageView.from(visible(caller, slug));
    }

    /**
     * The current slug of a page that used to live at {@code oldSlug}, if it is visible to the
     * caller.
     */
    public Optional<String> redirect(Caller caller, String oldSlug) {
        List<Page> found =
                em.createQuery(
                                "select g from Page g where g.id = (select r.pageId from PageRedirect r where r.oldSlug = :s)",
                                Page.class)
                        .setParameter("s", oldSlug)
                        .getResultList();
        return found.stream().filter(p -> canRead(caller, p)).map(Page::slug).findFirst();
    }

    Page visible(Caller caller, String slug) {
        List<Page> found =
                em.createQuery("select g from Page g where g.slug = :s", Page.class)
                        .setParameter("s", slug)
                        .getResultList();
        if (found.isEmpty() || !canRead(caller, found.get(0)))
            throw ProblemException.notFound("page", slug);
        return found.get(0);
    }

    // ---- what the write pipeline needs to know about pages: staff write them, everyone reads
    // published ones

    @Override
    public Object eventId(Page p) {
        return p.slug();
    }

    @Override
    public boolean deleted(Page p) {
        return p.deletedAt() != null;
    }

    @Override
    public PageView view(Page p) {
        return PageView.from(p);
    }

    @Override
    public Map<String, Object> revisionContent(Page p) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("title", p.title());
        c.put("slug", p.slug());
        c.put("body", p.body());
        c.put("status", p.status());
        return c;
    }

    @Override
    public Long ownerId(Page p) {
        return p.author().id();
    }

    /**
     * The page at {@code slug} (or an old slug of it: a renamed page keeps its history) as {@code
     * caller} may read its revisions.
     */
    public Page withHistory(Caller caller, String slug) {
        List<Page> found =
                em.createQuery(
                                "select g from Page g where g.slug = :s or g.id ="
                                        + " (select r.pageId from PageRedirect r where r.oldSlug = :s)"
                                        + " order by case when g.slug = :s then 0 else 1 end",
                                Page.class)
                        .setParameter("s", slug)
                        .getResultList();
        return revisions.requireMayRead(this, caller, found.isEmpty() ? null : found.get(0), slug);
    }

    @Override
    public void requireMayChange(Caller caller, Page p) {
        Permissions.requireStaff(caller);
    }

    @Override
    public boolean canRead(Caller caller, Page p) {
        return caller.staff() || p.published();
    }

    @Override
    public Audience audience(Page p) {
        return p.deletedAt() != null ? Audience.NOBODY : new Audience(p.published(), null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageInput readNew(JsonObject body) {
        return json.merge(PageInput.DEFAULTS, body, PageInput.READ_ONLY, PageInput.REQUIRED);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PageView insert(Caller caller, PageInput in, String slug) {
        Permissions.requireStaff(caller);
        Page p = new Page(em.getReference(User.class, caller.id()));
        apply(p, in);
        p.slug(slug);
        forgetRedirect(slug);
        return (PageView) writes.create(this, p);
    }

    public PageView update(Caller caller, String slug, JsonObject body, boolean full) {
        Permissions.requireStaff(caller);
        return (PageView)
                writes.update(
                        this,
                        caller,
                        visible(caller, slug),
                        Edit.sending(JsonInput.sentFields(body, PageInput.READ_ONLY)),
                        p -> {
                            PageInput in =
                                    json.merge(
                                            PageInput.of(p),
                                            body,
                                            PageInput.READ_ONLY,
                                            full ? PageInput.REQUIRED : Set.of());
                            apply(p, in);
                            // The stored slug is left as it is (even one made under another
                            // ansaf.slug.unicode); a new one is made into the site's form, which
                            // may turn out to be the stored one again.
                            if (in.slug() != null && !in.slug().equals(p.slug()))
                                rename(p, slugs.requested(in.slug(), SLUG_MAX));
                        });
    }

    /** Moves the page to {@code wanted}, leaving its old slug behind as a redirect. */
    private void rename(Page p, String wanted) {
        String oldSlug = p.slug();
        if (wanted.equals(oldSlug)) return;
        p.slug(wanted);
        writes.flush(this);
        forgetRedirect(wanted);
        em.createNativeQuery("DELETE FROM page_redirects WHERE old_slug = ?")
                .setParameter(1, oldSlug)
                .executeUpdate();
        em.createNativeQuery("INSERT INTO page_redirects (old_slug, page_id) VALUES (?, ?)")
                .setParameter(1, oldSlug)
                .setParameter(2, p.id())
                .executeUpdate();
    }

    /**
     * The page's content becomes that of its revision {@code version}, as a new version; a slug now
     * held by another page gives way to the next free one (the current slug becomes a redirect).
     */
    public PageView revert(Caller caller, String slug, int version) {
        Page page = withHistory(caller, slug);
        requireMayChange(caller, page);
        Map<String, Object> data = new LinkedHashMap<>(revisions.content(this, page, version));
        String wanted = (String) data.remove("slug");
        return (PageView)
                writes.update(
                        this,
                        caller,
                        page,
                        Edit.as("reverted"),
                        p -> {
                            apply(
                                    p,
                                    json.merge(
                                            PageInput.of(p),
                                            RevisionLog.jsonOf(data),
                                            PageInput.READ_ONLY,
                                            Set.of()));
                            rename(p, writes.freeSlug(Page.class, wanted, p.slug(), SLUG_MAX));
                        });
    }

    public void delete(Caller caller, String slug) {
        Permissions.requireStaff(caller);
        writes.delete(
                this,
                caller,
                visible(caller, slug),
                p -> p.deletedAt(Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    /**
     * Brings a soft-deleted page back as it was (same slug, status and body): one {@code updated}
     * event, as a post's restore.
     */
    public PageView restore(Caller caller, String slug) {
        Permissions.requireStaff(caller);
        return (PageView)
                writes.update(
                        this,
                        caller,
                        visible(caller, slug),
                        Edit.as("restored"),
                        p -> {
                            if (p.deletedAt() == null)
                                throw ProblemException.conflict(
                                        "Page " + slug + " is not deleted.");
                            p.deletedAt(null);
                        });
    }

    /** A live page now owns this slug: it no longer redirects anywhere. */
    private void forgetRedirect(String slug) {
        em.createNativeQuery("DELETE FROM page_redirects WHERE old_slug = ?")
                .setParameter(1, slug)
                .executeUpdate();
    }

    private void apply(Page p, PageInput in) {
        p.title(HtmlSanitizer.plainText(in.title()));
        if (p.title().isBlank())
            throw ProblemException.invalid("title", "This field may not be blank.");
        p.body(in.body() == null ? "" : HtmlSanitizer.rich(in.body()));
        p.status(in.status());
    }
}
