package io.ansaf.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Posts over HTTP: the permission matrix, visibility, slugs, lists, validation and sanitizing. */
@ExtendWith(SharedServer.class)
class PostsIT {
    static final String POSTS = "/api/v1/blogs/posts/";

    static JsonObject post(String title, String status) {
        return Json.createObjectBuilder()
                .add("title", title)
                .add("body", "<p>Body of " + title + "</p>")
                .add("status", status)
                .build();
    }

    static long create(Api as, String title, String status) {
        Api.Res r = as.post(POSTS, post(title, status));
        assertEquals(201, r.status(), r.body());
        return r.id();
    }

    @Test
    void create_returns201WithLocationEtagAndTheView(Api api) {
        Api author = Users.newUser(api);
        String title = Users.unique("Created");
        Api.Res r = author.post(POSTS, post(title, "draft"));
        assertEquals(201, r.status(), r.body());
        JsonObject p = r.json();
        assertEquals(title, p.getString("title"));
        assertEquals(1, p.getInt("version"));
        assertEquals("draft", p.getString("status"));
        assertTrue(p.isNull("published_at"));
        assertEquals(0, p.getInt("view_count"));
        assertEquals(0, p.getInt("comment_count"));
        assertTrue(
                p.getString("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                p.getString("created_at"));
        assertTrue(p.getJsonObject("author").containsKey("username"));
        assertTrue(
                r.header("Location").orElse("").endsWith(POSTS + p.getInt("id") + "/"),
                r.headers().toString());
        String etag = r.header("ETag").orElse("");
        // Its own id and version, then a digest of what it embeds (author, category, comments).
        assertTrue(etag.matches("\"post-" + p.getInt("id") + "-v1\\.[0-9a-f]+\""), etag);
    }

    @Test
    void permissionMatrix_forUpdateAndDelete(Api api) {
        Api author = Users.newUser(api),
                other = Users.newUser(api),
                staff = Users.staff(api),
                anonymous = api.fresh();
        long id = create(author, Users.unique("Matrix"), "published");
        JsonObject change = Json.createObjectBuilder().add("excerpt", "changed").build();
        assertEquals(401, anonymous.patch(POSTS + id + "/", change).status());
        assertEquals(403, other.patch(POSTS + id + "/", change).status());
        assertEquals(200, author.patch(POSTS + id + "/", change).status());
        assertEquals(200, staff.patch(POSTS + id + "/", change).status());
        assertEquals(401, anonymous.delete(POSTS + id + "/").status());
        assertEquals(403, other.delete(POSTS + id + "/").status());
        assertEquals(401, anonymous.post(POSTS, post("x", "draft")).status());
        assertEquals(204, author.delete(POSTS + id + "/").status());
        assertEquals(404, author.get(POSTS + id + "/").status());
        assertEquals(200, staff.get(POSTS + id + "/").status());
    }

    @Test
    void drafts_areVisibleOnlyToAuthorAndStaff(Api api) {
        Api author = Users.newUser(api),
                other = Users.newUser(api),
                staff = Users.staff(api),
                anonymous = api.fresh();
        long draft = create(author, Users.unique("Draft"), "draft");
        long archived = create(author, Users.unique("Archived"), "archived");
        for (long id : new long[] {draft, archived}) {
            assertEquals(404, anonymous.get(POSTS + id + "/").status());
            assertEquals(404, other.get(POSTS + id + "/").status());
            assertEquals(200, author.get(POSTS + id + "/").status());
            assertEquals(200, staff.get(POSTS + id + "/").status());
        }
        String mine =
                POSTS
                        + "?page_size=100&author="
                        + author.get("/api/v1/auth/me/").json().getInt("id");
        assertTrue(author.get(mine).resultIds().containsAll(List.of(draft, archived)));
        assertFalse(other.get(mine).resultIds().contains(draft));
        assertFalse(anonymous.get(mine).resultIds().contains(draft));
        assertTrue(staff.get(mine).resultIds().contains(draft));
    }

    @Test
    void deletedPosts_areStaffOnly_andCanBeRestored(Api api) {
        Api author = Users.newUser(api), staff = Users.staff(api);
        long id = create(author, Users.unique("Deleted"), "published");
        assertEquals(204, author.delete(POSTS + id + "/").status());
        assertFalse(api.fresh().get(POSTS + "?page_size=100").resultIds().contains(id));
        assertFalse(staff.get(POSTS + "?page_size=100").resultIds().contains(id));
        assertTrue(staff.get(POSTS + "?status=deleted&page_size=100").resultIds().contains(id));
        assertTrue(author.get(POSTS + "?status=deleted").resultIds().isEmpty());
        assertEquals(403, author.post(POSTS + id + "/restore/", null).status());
        Api.Res restored = staff.post(POSTS + id + "/restore/", null);
        assertEquals(200, restored.status(), restored.body());
        assertEquals(200, api.fresh().get(POSTS + id + "/").status());
    }

    @Test
    void publishing_setsPublishedAtOnce(Api api) {
        Api author = Users.newUser(api);
        long id = create(author, Users.unique("Publish"), "draft");
        Api.Res published =
                author.patch(
                        POSTS + id + "/",
                        Json.createObjectBuilder().add("status", "published").build());
        String at = published.json().getString("published_at");
        author.patch(POSTS + id + "/", Json.createObjectBuilder().add("status", "draft").build());
        Api.Res again =
                author.patch(
                        POSTS + id + "/",
                        Json.createObjectBuilder().add("status", "published").build());
        assertEquals(at, again.json().getString("published_at"));
        assertEquals(4, again.json().getInt("version"));
    }

    @Test
    void slugs_areDerivedFoldedAndMadeUnique(Api api) {
        Api author = Users.newUser(api);
        String word = "Crème Brûlée " + Users.unique("x").substring(2);
        Api.Res a = author.post(POSTS, post(word, "draft"));
        Api.Res b = author.post(POSTS, post(word, "draft"));
        Api.Res c = author.post(POSTS, post(word, "draft"));
        String base = a.json().getString("slug");
        assertTrue(base.startsWith("creme-brulee-"), base);
        assertEquals(base + "-2", b.json().getString("slug"));
        assertEquals(base + "-3", c.json().getString("slug"));
        Api.Res taken =
                author.post(
                        POSTS,
                        Json.createObjectBuilder().add("title", "t").add("slug", base).build());
        assertEquals(400, taken.status());
        assertTrue(taken.json().getJsonObject("errors").containsKey("slug"));
        Api.Res invalid =
                author.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", "t")
                                .add("slug", "Not A Slug")
                                .build());
        assertEquals(400, invalid.status());
    }

    @Test
    void slugs_fromTitlesInOtherScripts_areTransliteratedAndMadeUnique(Api api) {
        Api author = Users.newUser(api);
        String token = Users.unique("").trim();
        Map<String, String> expected =
                Map.of(
                        "Привет мир " + token, "privet-mir-" + token,
                        "你好世界 " + token, "ni-hao-shi-jie-" + token,
                        "مرحبا بالعالم " + token, "mrhba-balalm-" + token,
                        "Γειά σου Κόσμε " + token, "geia-sou-kosme-" + token,
                        "שלום עולם " + token, "slwm-wlm-" + token,
                        "नमस्ते दुनिया " + token, "namaste-duniya-" + token,
                        "Hello Мир 世界 " + token, "hello-mir-shi-jie-" + token);
        expected.forEach(
                (title, slug) -> {
                    Api.Res r = author.post(POSTS, post(title, "published"));
                    assertEquals(201, r.status(), r.body());
                    assertEquals(slug, r.json().getString("slug"), title);
                    assertEquals(title, r.json().getString("title"));
                });
        String arabic = "مرحبا بالعالم " + token;
        assertEquals(
                "mrhba-balalm-" + token + "-2",
                author.post(POSTS, post(arabic, "draft")).json().getString("slug"));
        assertEquals(
                "mrhba-balalm-" + token + "-3",
                author.post(POSTS, post(arabic, "draft")).json().getString("slug"));
        for (String letterless : List.of("🎉🎉🎉", "!!! ???")) {
            Api.Res r = author.post(POSTS, post(letterless, "draft"));
            assertEquals(201, r.status(), r.body());
            assertTrue(
                    r.json().getString("slug").matches("post(-\\d+)?"), r.json().getString("slug"));
        }
    }

    @Test
    void clientSentSlugInArabic_isTransliterated_andStillMustLookLikeASlug(Api api) {
        Api author = Users.newUser(api);
        String token = Users.unique("").trim();
        Api.Res r =
                author.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", "t")
                                .add("slug", "مرحبا-بالعالم-" + token)
                                .build());
        assertEquals(201, r.status(), r.body());
        assertEquals("mrhba-balalm-" + token, r.json().getString("slug"));
        long id = r.id();
        Api.Res again =
                author.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", "t")
                                .add("slug", "مرحبا-بالعالم-" + token)
                                .build());
        assertEquals(400, again.status(), "the transliterated slug is taken");
        assertTrue(again.json().getJsonObject("errors").containsKey("slug"));
        Api.Res patched =
                author.patch(
                        POSTS + id + "/",
                        Json.createObjectBuilder().add("slug", "привет-мир-" + token).build());
        assertEquals(200, patched.status(), patched.body());
        assertEquals("privet-mir-" + token, patched.json().getString("slug"));
        Api.Res other =
                author.patch(
                        POSTS + id + "/",
                        Json.createObjectBuilder().add("excerpt", "changed").build());
        assertEquals(
                "privet-mir-" + token,
                other.json().getString("slug"),
                "a stored slug never changes by itself");
        for (String bad : List.of("Привет-Мир", "مرحبا بالعالم", "a--b", "🎉")) {
            Api.Res refused =
                    author.post(
                            POSTS,
                            Json.createObjectBuilder().add("title", "t").add("slug", bad).build());
            assertEquals(400, refused.status(), bad);
            assertTrue(refused.json().getJsonObject("errors").containsKey("slug"), bad);
        }
    }

    @Test
    void concurrentCreates_withTheSameTitle_allSucceedWithDifferentSlugs(Api api) throws Exception {
        Api author = Users.newUser(api);
        String title = Users.unique("Race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Res>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Api.Res> call = () -> author.post(POSTS, post(title, "draft"));
                results.add(pool.submit(call));
            }
            Set<String> slugs = new HashSet<>();
            for (Future<Api.Res> f : results) {
                Api.Res r = f.get();
                assertEquals(201, r.status(), r.body());
                slugs.add(r.json().getString("slug"));
            }
            assertEquals(8, slugs.size(), slugs.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void validation_reportsEveryBadFieldAtOnce(Api api) {
        Api author = Users.newUser(api);
        Api.Res r =
                author.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", "x".repeat(201))
                                .add("status", "nope")
                                .add("category", "abc")
                                .add("excerpt", 5)
                                .add("color", "red")
                                .build());
        assertEquals(400, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        JsonObject errors = r.json().getJsonObject("errors");
        for (String f : new String[] {"title", "status", "category", "excerpt", "color"})
            assertTrue(errors.containsKey(f), f + ": " + r.body());
        Api.Res missing = author.post(POSTS, Json.createObjectBuilder().add("body", "b").build());
        assertEquals(
                "This field is required.",
                missing.json().getJsonObject("errors").getJsonArray("title").getString(0));
        Api.Res readOnlyIgnored =
                author.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", Users.unique("RO"))
                                .add("id", 999999)
                                .add("view_count", 1000)
                                .add("version", 77)
                                .add("author", Json.createObjectBuilder().add("id", 1))
                                .build());
        assertEquals(201, readOnlyIgnored.status(), readOnlyIgnored.body());
        assertEquals(0, readOnlyIgnored.json().getInt("view_count"));
        assertEquals(1, readOnlyIgnored.json().getInt("version"));
        assertNotEquals(999999, readOnlyIgnored.json().getInt("id"));
    }

    @Test
    void put_replacesAndRequiresTitle(Api api) {
        Api author = Users.newUser(api);
        long id = create(author, Users.unique("Put"), "draft");
        Api.Res bad =
                author.put(POSTS + id + "/", Json.createObjectBuilder().add("body", "x").build());
        assertEquals(400, bad.status());
        Api.Res ok =
                author.put(
                        POSTS + id + "/",
                        Json.createObjectBuilder()
                                .add("title", "Replaced")
                                .add("body", "<p>new</p>")
                                .add("status", "published")
                                .build());
        assertEquals(200, ok.status(), ok.body());
        assertEquals("Replaced", ok.json().getString("title"));
        assertEquals("published", ok.json().getString("status"));
    }

    @Test
    void xssPayloads_neverSurviveInStoredContent(Api api) {
        Api author = Users.newUser(api);
        String[] payloads = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body{display:none}</style>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<details open ontoggle=alert(1)>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>"
        };
        for (String payload : payloads) {
            Api.Res r =
                    author.post(
                            POSTS,
                            Json.createObjectBuilder()
                                    .add("title", "T" + payload)
                                    .add("excerpt", payload)
                                    .add("body", payload)
                                    .build());
            assertEquals(201, r.status(), r.body());
            Api.Res stored = author.get(POSTS + r.id() + "/");
            for (String field : new String[] {"title", "excerpt", "body"}) {
                String v = stored.json().getString(field).toLowerCase();
                assertFalse(
                        v.contains("<script")
                                || v.contains("onerror")
                                || v.contains("onload")
                                || v.contains("javascript:")
                                || v.contains("<svg")
                                || v.contains("<iframe")
                                || v.contains("<style")
                                || v.contains("ontoggle")
                                || v.contains("data:text"),
                        field + " kept " + v + " from " + payload);
            }
            assertFalse(
                    stored.json().getString("title").contains("<"),
                    stored.json().getString("title"));
        }
        Api.Res rich =
                author.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", "Rich")
                                .add(
                                        "body",
                                        "<h2>Head</h2><table><tr><td>c</td></tr></table><pre><code>x</code></pre><a href=\"https://a.example\">l</a>")
                                .build());
        String body = rich.json().getString("body");
        assertTrue(
                body.contains("<h2>")
                        && body.contains("<table>")
                        && body.contains("<code>")
                        && body.contains("rel=\"nofollow noopener\""),
                body);
    }

    @Test
    void lists_paginateSearchFilterAndOrder(Api api) {
        Api author = Users.newUser(api);
        String tag = Users.unique("zq").replace(" ", "");
        for (int i = 0; i < 5; i++) create(author, tag + " number " + i, "published");
        create(author, tag + " hidden", "draft");
        Api anonymous = api.fresh();
        Api.Res all = anonymous.get(POSTS + "?search=" + tag + "&page_size=2&ordering=title");
        assertEquals(200, all.status(), all.body());
        assertEquals(5, all.json().getInt("count"));
        assertEquals(2, all.results().size());
        assertTrue(all.json().getString("next").startsWith("http://"), all.body());
        assertTrue(all.json().getString("next").contains("page=2"));
        assertTrue(all.json().isNull("previous"));
        assertEquals(tag + " number 0", all.results().getJsonObject(0).getString("title"));
        Api.Res last =
                anonymous.get(POSTS + "?search=" + tag + "&page_size=2&ordering=title&page=3");
        assertEquals(1, last.results().size());
        assertTrue(last.json().isNull("next"));
        assertFalse(last.json().isNull("previous"));
        assertEquals(404, anonymous.get(POSTS + "?search=" + tag + "&page_size=2&page=4").status());
        assertEquals(404, anonymous.get(POSTS + "?page=0").status());
        Api.Res desc =
                anonymous.get(POSTS + "?search=" + tag.toUpperCase() + "+NUMBER&ordering=-title");
        assertEquals(tag + " number 4", desc.results().getJsonObject(0).getString("title"));
        Api.Res capped = anonymous.get(POSTS + "?page_size=500");
        assertTrue(capped.results().size() <= 100);
        assertEquals(400, anonymous.get(POSTS + "?ordering=password").status());
        assertEquals(400, anonymous.get(POSTS + "?status=bogus").status());
        assertEquals(
                0,
                anonymous.get(POSTS + "?search=" + tag + "&status=draft").json().getInt("count"));
        Api.Res empty = anonymous.get(POSTS + "?search=nothing-matches-" + tag);
        assertEquals(0, empty.json().getInt("count"));
        assertTrue(empty.results().isEmpty());
    }

    @Test
    void categoryFilter_acceptsIdOrSlug(Api api) {
        Api staff = Users.staff(api);
        Api.Res cat =
                staff.post(
                        "/api/v1/blogs/categories/",
                        Json.createObjectBuilder().add("name", Users.unique("Cat")).build());
        assertEquals(201, cat.status(), cat.body());
        long catId = cat.id();
        String slug = cat.json().getString("slug");
        Api.Res p =
                staff.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", "In category")
                                .add("status", "published")
                                .add("category", catId)
                                .build());
        assertEquals(catId, p.json().getJsonObject("category_detail").getInt("id"));
        assertEquals(List.of(p.id()), api.fresh().get(POSTS + "?category=" + catId).resultIds());
        assertEquals(List.of(p.id()), api.fresh().get(POSTS + "?category=" + slug).resultIds());
        assertEquals(400, api.fresh().get(POSTS + "?category=no-such-category-slug").status());
        assertEquals(
                1,
                api.fresh()
                        .get("/api/v1/blogs/categories/" + catId + "/")
                        .json()
                        .getInt("post_count"));
    }

    @Test
    void viewCounts_areExactAfterConcurrentReads_andDoNotChangeTheEtag(Api api) throws Exception {
        Api author = Users.newUser(api);
        Api.Res created = author.post(POSTS, post(Users.unique("Views"), "published"));
        long id = created.id();
        String etag = created.header("ETag").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Api reader = api.fresh();
                futures.add(pool.submit(() -> reader.get(POSTS + id + "/").status()));
            }
            for (Future<Integer> f : futures) assertEquals(200, f.get());
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(1500); // > ANSAF_VIEWS_FLUSH_MILLIS: the counts are in the database now
        Api.Res after = author.get(POSTS + id + "/");
        assertEquals(1001, after.json().getInt("view_count"), "1,000 readers and this read itself");
        assertEquals(etag, after.header("ETag").orElseThrow());
        assertEquals(1, after.json().getInt("version"));
        Api.Res listed = api.fresh().get(POSTS + "?ordering=-view_count&page_size=100");
        assertTrue(listed.resultIds().contains(id));
    }

    @Test
    void draftViews_areNotCounted(Api api) throws Exception {
        Api author = Users.newUser(api);
        long id = create(author, Users.unique("Unviewed"), "draft");
        for (int i = 0; i < 3; i++) author.get(POSTS + id + "/");
        assertEquals(0, author.get(POSTS + id + "/").json().getInt("view_count"));
    }
}
