package io.ansaf.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Revisions of posts and pages as the contract's section "Revisions, audit trail and mergeable
 * conflicts" has them: one per committed change and none for a refused one, who may read them,
 * diff, revert, retention, a renamed page's history, and conflicts that merge themselves.
 */
@ExtendWith(SharedServer.class)
class RevisionsIT {
    private static final String POSTS = "/api/v1/blogs/posts/";
    private static final String PAGES = "/api/v1/pages/";
    private static final String MERGE = "conflict=merge";

    private static JsonObject body(String... kv) {
        var b = Json.createObjectBuilder();
        for (int i = 0; i < kv.length; i += 2) b.add(kv[i], kv[i + 1]);
        return b.build();
    }

    private static long newPost(Api author, String... fields) {
        var b = Json.createObjectBuilder().add("title", Users.unique("rev"));
        for (int i = 0; i < fields.length; i += 2) b.add(fields[i], fields[i + 1]);
        Api.Res r = author.post(POSTS, b.build());
        assertEquals(201, r.status(), r.body());
        return r.id();
    }

    private static String post(long id) {
        return POSTS + id + "/";
    }

    private static List<JsonObject> revisions(Api api, String item) {
        Api.Res r = api.get(item + "revisions/?page_size=100");
        assertEquals(200, r.status(), r.body());
        return r.results().getValuesAs(JsonObject.class);
    }

    private static List<String> actions(Api api, String item) {
        List<String> a = new ArrayList<>();
        for (JsonObject r : revisions(api, item)) a.add(r.getString("action"));
        Collections.reverse(a);
        return a;
    }

    private static Api.Res revert(Api api, String item, int version, Map<String, String> h) {
        return api.send("POST", item + "revisions/" + version + "/revert/", null, withCsrf(api, h));
    }

    private static Map<String, String> withCsrf(Api api, Map<String, String> h) {
        Map<String, String> all = new HashMap<>(h);
        all.put("X-CSRFToken", api.csrf() == null ? api.fetchCsrf() : api.csrf());
        return all;
    }

    @Test
    void everyAction_writesExactlyOneRevision_inVersionOrder(Api api) {
        Api author = Users.newUser(api);
        Api staff = Users.staff(api);
        long id = newPost(author, "body", "<p>one</p>");
        assertEquals(200, author.patch(post(id), body("body", "<p>two</p>")).status());
        assertEquals(200, author.patch(post(id), body("status", "published")).status());
        assertEquals(204, author.delete(post(id)).status());
        assertEquals(
                200,
                staff.send("POST", post(id) + "restore/", null, withCsrf(staff, Map.of()))
                        .status());
        assertEquals(200, revert(author, post(id), 1, Map.of()).status());

        assertEquals(
                List.of("created", "updated", "published", "deleted", "restored", "reverted"),
                actions(author, post(id)));
        List<JsonObject> newestFirst = revisions(author, post(id));
        for (int i = 0; i < newestFirst.size(); i++)
            assertEquals(6 - i, newestFirst.get(i).getInt("version"), newestFirst.toString());
        JsonObject published = newestFirst.get(3);
        assertEquals(List.of("status"), strings(published, "changed_fields"));
        assertFalse(published.containsKey("data"), "lists leave the content out");
        assertEquals(
                author.get("/api/v1/auth/me/").json().getJsonNumber("id").longValue(),
                published.getJsonObject("author").getJsonNumber("id").longValue());
        assertEquals(
                staff.get("/api/v1/auth/me/").json().getString("username"),
                newestFirst.get(1).getJsonObject("author").getString("username"),
                "the restore is the staff user's revision");
    }

    @Test
    void refusedWrites_writeNoRevision(Api api) {
        Api author = Users.newUser(api);
        long id = newPost(author, "status", "published");
        assertEquals(400, author.patch(post(id), body("title", "")).status());
        assertEquals(403, Users.newUser(api).patch(post(id), body("title", "x")).status());
        Api.Res stale = author.patch(post(id), body("title", "x"), Map.of("If-Match", "7"));
        assertEquals(409, stale.status(), stale.body());
        assertEquals(400, author.patch(post(id), body("category", "nope")).status());
        assertEquals(1, revisions(author, post(id)).size());
        assertEquals(1, author.get(post(id)).json().getInt("version"));
    }

    @Test
    void whoMayRead_authorAndStaff(Api api) {
        Api author = Users.newUser(api);
        long draft = newPost(author);
        long published = newPost(author, "status", "published");
        Api other = Users.newUser(api);
        Api anonymous = api.fresh();
        Api staff = Users.staff(api);
        for (long id : new long[] {draft, published}) {
            String[] paths = {
                post(id) + "revisions/", post(id) + "revisions/1/", post(id) + "revisions/1/diff/"
            };
            for (String p : paths) {
                assertEquals(401, anonymous.get(p).status(), "anonymous " + p);
                assertEquals(id == draft ? 404 : 403, other.get(p).status(), "other user " + p);
                assertEquals(200, author.get(p).status(), "author " + p);
                assertEquals(200, staff.get(p).status(), "staff " + p);
            }
            assertEquals(id == draft ? 404 : 403, revert(other, post(id), 1, Map.of()).status());
        }
        assertEquals(404, author.get(POSTS + "999999999/revisions/").status());

        String page = PAGES + slug(staff, body("title", Users.unique("rev page"))) + "/";
        String publishedPage =
                PAGES
                        + slug(
                                staff,
                                body("title", Users.unique("rev page"), "status", "published"))
                        + "/";
        assertEquals(404, other.get(page + "revisions/").status());
        assertEquals(403, other.get(publishedPage + "revisions/").status());
        assertEquals(401, anonymous.get(publishedPage + "revisions/").status());
        assertEquals(200, staff.get(page + "revisions/").status());
    }

    @Test
    void oneRevision_andDiff_showOnlyWhatChanged(Api api) {
        Api author = Users.newUser(api);
        long id = newPost(author, "excerpt", "e1", "body", "<p>b1</p>");
        author.patch(post(id), body("excerpt", "e2"));
        author.patch(post(id), body("body", "<p>b3</p>", "title", "New title"));

        JsonObject v2 = author.get(post(id) + "revisions/2/").json();
        assertEquals("e2", v2.getJsonObject("data").getString("excerpt"));
        assertEquals("<p>b1</p>", v2.getJsonObject("data").getString("body"));
        assertTrue(v2.getJsonObject("data").containsKey("category"));

        JsonObject diff = author.get(post(id) + "revisions/3/diff/").json();
        assertEquals(2, diff.getInt("from_version"));
        assertEquals(3, diff.getInt("to_version"));
        assertEquals(
                java.util.Set.of("title", "body"),
                diff.getJsonObject("fields").keySet(),
                diff.toString());
        assertEquals(
                "<p>b3</p>", diff.getJsonObject("fields").getJsonObject("body").getString("to"));
        JsonObject wide = author.get(post(id) + "revisions/3/diff/?against=1").json();
        assertEquals(
                java.util.Set.of("title", "excerpt", "body"),
                wide.getJsonObject("fields").keySet());
        assertEquals(400, author.get(post(id) + "revisions/3/diff/?against=x").status());
        assertEquals(400, author.get(post(id) + "revisions/3/diff/?against=77").status());
        assertEquals(404, author.get(post(id) + "revisions/9/").status());
        assertEquals(404, author.get(post(id) + "revisions/9/diff/").status());

        String tag = author.get(post(id) + "revisions/2/").header("ETag").orElseThrow();
        assertEquals(
                304, author.get(post(id) + "revisions/2/", Map.of("If-None-Match", tag)).status());
        String listTag = author.get(post(id) + "revisions/").header("ETag").orElseThrow();
        author.patch(post(id), body("excerpt", "e4"));
        assertEquals(
                200,
                author.get(post(id) + "revisions/", Map.of("If-None-Match", listTag)).status(),
                "a new revision moves the list's ETag");
    }

    @Test
    void revert_makesANewVersion_oneEvent_andLeavesTheOldOnesAlone(Api api) {
        Api author = Users.newUser(api);
        long id = newPost(author, "body", "<p>first</p>");
        author.patch(post(id), body("body", "<p>second</p>", "title", "Second"));
        String before = newestEvent(api);

        Api.Res stale = revert(author, post(id), 1, Map.of("If-Match", "1"));
        assertEquals(409, stale.status(), stale.body());
        Api.Res r = revert(author, post(id), 1, Map.of("If-Match", "2"));
        assertEquals(200, r.status(), r.body());
        assertEquals(3, r.json().getInt("version"));
        assertEquals("<p>first</p>", r.json().getString("body"));
        assertEquals(
                r.header("ETag").orElseThrow(), author.get(post(id)).header("ETag").orElseThrow());
        assertEquals("reverted", revisions(author, post(id)).get(0).getString("action"));
        assertEquals(
                "<p>second</p>",
                author.get(post(id) + "revisions/2/")
                        .json()
                        .getJsonObject("data")
                        .getString("body"));

        Api.Res changes = api.get("/api/v1/changes/?channel=blogs&limit=500&since=" + before);
        assertEquals(200, changes.status(), changes.body());
        long events =
                changes.json().getJsonArray("events").getValuesAs(JsonObject.class).stream()
                        .filter(e -> e.getString("model").equals("post"))
                        .filter(e -> e.get("id").toString().replace("\"", "").equals(id + ""))
                        .count();
        assertEquals(0, events, "the author's draft is not shown to anonymous pollers");
        Api.Res mine =
                Users.staff(api).get("/api/v1/changes/?channel=blogs&limit=500&since=" + before);
        assertEquals(
                1,
                mine.json().getJsonArray("events").getValuesAs(JsonObject.class).stream()
                        .filter(e -> e.getString("model").equals("post"))
                        .filter(e -> e.get("id").toString().replace("\"", "").equals(id + ""))
                        .count(),
                "one event for the revert");
    }

    @Test
    void revert_slugTakenSinceGivesWayLikeACreate(Api api) {
        Api staff = Users.staff(api);
        String title = Users.unique("slug back");
        String first = slug(staff, body("title", title));
        staff.patch(PAGES + first + "/", body("slug", first + "-moved"));
        String taker = slug(staff, body("title", title));
        assertEquals(first, taker, "a new page takes the freed slug");

        Api.Res r = revert(staff, PAGES + first + "-moved/", 1, Map.of());
        assertEquals(200, r.status(), r.body());
        assertEquals(first + "-2", r.json().getString("slug"));
        assertEquals(200, staff.get(PAGES + first + "-2/revisions/").status());
    }

    @Test
    void renamedPage_keepsItsHistory(Api api) {
        Api staff = Users.staff(api);
        String slug = slug(staff, body("title", Users.unique("history page")));
        assertEquals(200, staff.patch(PAGES + slug + "/", body("body", "<p>x</p>")).status());
        assertEquals(200, staff.patch(PAGES + slug + "/", body("slug", slug + "-new")).status());
        assertEquals(
                List.of("created", "updated", "updated"), actions(staff, PAGES + slug + "-new/"));
        assertEquals(3, revisions(staff, PAGES + slug + "/").size(), "the old slug still leads");
        assertEquals(
                slug,
                staff.get(PAGES + slug + "-new/revisions/1/")
                        .json()
                        .getJsonObject("data")
                        .getString("slug"));
    }

    @Test
    void retention_prunesTheOldest_neverTheNewest(Api api) {
        Api author = Users.newUser(api);
        long id = newPost(author);
        for (int i = 2; i <= 105; i++)
            assertEquals(200, author.patch(post(id), body("excerpt", "e" + i)).status());
        Api.Res page = author.get(post(id) + "revisions/");
        assertEquals(100, page.json().getInt("count"), "ANSAF_REVISIONS_KEEP defaults to 100");
        assertEquals(105, page.results().getJsonObject(0).getInt("version"));
        assertEquals(404, author.get(post(id) + "revisions/5/").status());
        assertEquals(200, author.get(post(id) + "revisions/6/").status());

        // A base version pruned away cannot be merged on: a plain 409.
        Api.Res r =
                author.patch(
                        post(id),
                        body("title", "merge on pruned"),
                        Map.of("If-Match", "3", "Prefer", MERGE));
        assertEquals(409, r.status(), r.body());
        assertFalse(r.json().containsKey("changed_fields"), r.body());
    }

    @Test
    void mergeMatrix(Api api) {
        Api a = Users.newUser(api);
        long id = newPost(a, "body", "<p>v1</p>");
        a.patch(post(id), body("excerpt", "v2"));
        String v3 = a.patch(post(id), body("excerpt", "v3")).header("ETag").orElseThrow();
        a.patch(post(id), body("body", "<p>v4</p>"));

        // Title from v3 while v4 changed the body: merged.
        Api.Res merged =
                a.patch(post(id), body("title", "Mine"), Map.of("If-Match", v3, "Prefer", MERGE));
        assertEquals(200, merged.status(), merged.body());
        assertEquals(MERGE, merged.header("Preference-Applied").orElse(null));
        assertEquals(5, merged.json().getInt("version"));
        assertEquals("Mine", merged.json().getString("title"));
        assertEquals("<p>v4</p>", merged.json().getString("body"));
        JsonObject rev = revisions(a, post(id)).get(0);
        assertEquals(3, rev.getInt("base_version"));
        assertEquals(List.of("title"), strings(rev, "changed_fields"));

        // Body from v3 while v4 changed the body: refused, naming the collision.
        Api.Res clash =
                a.patch(
                        post(id),
                        body("body", "<p>mine</p>"),
                        Map.of("If-Match", v3, "Prefer", MERGE));
        assertEquals(409, clash.status(), clash.body());
        assertEquals(List.of("body"), strings(clash.json(), "conflicting_fields"));
        assertEquals(List.of("title", "body"), strings(clash.json(), "changed_fields"));
        assertEquals(5, clash.json().getInt("current_version"));
        assertEquals("Version conflict", clash.json().getString("error"));

        // Without the preference: a 409 as before, even where a merge would have worked.
        Api.Res plain = a.patch(post(id), body("excerpt", "x"), Map.of("If-Match", v3));
        assertEquals(409, plain.status(), plain.body());
        assertTrue(plain.header("Preference-Applied").isEmpty());
        assertEquals(List.of(), strings(plain.json(), "conflicting_fields"));

        // A current If-Match with the preference is an ordinary write.
        Api.Res current =
                a.patch(post(id), body("excerpt", "x"), Map.of("If-Match", "5", "Prefer", MERGE));
        assertEquals(200, current.status(), current.body());
        assertTrue(current.header("Preference-Applied").isEmpty());
        assertEquals(6, revisions(a, post(id)).size());
    }

    @Test
    void fiftyMergingWriters_loseNothing(Api api) throws Exception {
        Api a = Users.newUser(api);
        long id = newPost(a);
        a.fetchCsrf();
        String[] fields = {"title", "excerpt", "body"};
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Api.Res>> sent = new ArrayList<>();
        List<String[]> writes = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String field = fields[i % fields.length];
                String value = field.equals("body") ? "<p>w" + i + "</p>" : "w" + i;
                writes.add(new String[] {field, value});
                sent.add(
                        pool.submit(
                                () ->
                                        a.patch(
                                                post(id),
                                                body(field, value),
                                                Map.of("If-Match", "1", "Prefer", MERGE))));
            }
            Map<String, String> expected = new HashMap<>();
            Map<Integer, String[]> applied = new java.util.TreeMap<>();
            int ok = 0;
            for (int i = 0; i < 50; i++) {
                Api.Res r = sent.get(i).get();
                assertTrue(r.status() == 200 || r.status() == 409, r.toString());
                if (r.status() == 200) {
                    ok++;
                    applied.put(r.json().getInt("version"), writes.get(i));
                }
            }
            assertTrue(ok >= 1, "at least one merge is applied");
            assertTrue(ok <= fields.length, "one merge per field at most: " + applied.keySet());
            applied.values().forEach(w -> expected.put(w[0], w[1]));
            JsonObject now = a.get(post(id)).json();
            for (var e : expected.entrySet()) assertEquals(e.getValue(), now.getString(e.getKey()));
            assertEquals(1 + ok, now.getInt("version"));
            assertEquals(1 + ok, revisions(a, post(id)).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void newItems_startTheirHistoryWithACreatedRevision(Api api) {
        Api author = Users.newUser(api);
        long id = newPost(author);
        JsonObject first = author.get(post(id) + "revisions/1/").json();
        assertEquals("created", first.getString("action"));
        assertNotEquals(JsonValue.NULL, first.get("author"));
    }

    private static String newestEvent(Api api) {
        return Users.staff(api)
                .get("/api/v1/changes/?channel=blogs&limit=1")
                .json()
                .getString("last_event_id");
    }

    private static String slug(Api staff, JsonObject page) {
        Api.Res r = staff.post(PAGES, page);
        assertEquals(201, r.status(), r.body());
        return r.json().getString("slug");
    }

    private static List<String> strings(JsonObject o, String key) {
        return o.getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)
                .toList();
    }
}
