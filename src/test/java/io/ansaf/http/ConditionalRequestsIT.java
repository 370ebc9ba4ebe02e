package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.Gauges;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Optimistic locking and HTTP caching on every content resource: validators on reads, 304 on each
 * kind of precondition, 409 with the contract's body on stale writes, list ETags that move with
 * their content, and no lost update under concurrency.
 */
@ExtendWith(SharedServer.class)
class ConditionalRequestsIT {

    /**
     * A freshly created resource of each kind: its URL, a harmless change, and the field it
     * changes.
     */
    record Kind(String name, String url, JsonObject change) {}

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("post"),
                Arguments.of("category"),
                Arguments.of("comment"),
                Arguments.of("page"));
    }

    static Kind create(Api staff, String kind) {
        String u = Users.unique(kind);
        return switch (kind) {
            case "post" ->
                    new Kind(
                            kind,
                            "/api/v1/blogs/posts/"
                                    + staff.post(
                                                    "/api/v1/blogs/posts/",
                                                    Json.createObjectBuilder()
                                                            .add("title", u)
                                                            .add("status", "published")
                                                            .build())
                                            .id()
                                    + "/",
                            Json.createObjectBuilder().add("excerpt", "changed").build());
            case "category" ->
                    new Kind(
                            kind,
                            "/api/v1/blogs/categories/"
                                    + staff.post(
                                                    "/api/v1/blogs/categories/",
                                                    Json.createObjectBuilder()
                                                            .add("name", u)
                                                            .build())
                                            .id()
                                    + "/",
                            Json.createObjectBuilder().add("description", "changed").build());
            case "comment" -> {
                long post =
                        staff.post(
                                        "/api/v1/blogs/posts/",
                                        Json.createObjectBuilder()
                                                .add("title", u)
                                                .add("status", "published")
                                                .build())
                                .id();
                yield new Kind(
                        kind,
                        "/api/v1/blogs/comments/"
                                + staff.post(
                                                "/api/v1/blogs/comments/",
                                                Json.createObjectBuilder()
                                                        .add("post", post)
                                                        .add("body", "first")
                                                        .add("is_approved", true)
                                                        .build())
                                        .id()
                                + "/",
                        Json.createObjectBuilder().add("body", "changed").build());
            }
            default ->
                    new Kind(
                            kind,
                            "/api/v1/pages/"
                                    + staff.post(
                                                    "/api/v1/pages/",
                                                    Json.createObjectBuilder()
                                                            .add("title", u)
                                                            .add("status", "published")
                                                            .build())
                                            .json()
                                            .getString("slug")
                                    + "/",
                            Json.createObjectBuilder().add("body", "<p>changed</p>").build());
        };
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void reads_carryValidators_andConditionalGetsAnswer304(String kind, Api api) {
        Kind k = create(Users.staff(api), kind);
        Api reader = api.fresh();
        Api.Res r = reader.get(k.url());
        assertEquals(200, r.status(), r.body());
        String etag = r.header("ETag").orElseThrow();
        String lastModified = r.header("Last-Modified").orElseThrow();
        assertTrue(etag.startsWith("\"") && !etag.startsWith("W/"), "strong: " + etag);
        assertTrue(r.header("Vary").orElse("").contains("Cookie"));
        assertEquals("public, max-age=0, must-revalidate", r.header("Cache-Control").orElse(null));

        for (String inm : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
            Api.Res c = reader.get(k.url(), Map.of("If-None-Match", inm));
            assertEquals(304, c.status(), inm);
            assertEquals("", c.body());
            assertEquals(etag, c.header("ETag").orElse(null));
        }
        assertEquals(304, reader.get(k.url(), Map.of("If-Modified-Since", lastModified)).status());
        assertEquals(
                200,
                reader.get(
                                k.url(),
                                Map.of(
                                        "If-None-Match",
                                        "\"other\"",
                                        "If-Modified-Since",
                                        lastModified))
                        .status(),
                "If-Modified-Since is ignored when If-None-Match is present");
        assertEquals(
                200,
                reader.get(k.url(), Map.of("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"))
                        .status());
        Api staff = Users.staff(api);
        assertEquals("private, no-cache", staff.get(k.url()).header("Cache-Control").orElse(null));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void staleIfMatch_is409WithTheContractBody_andWritesNothing(String kind, Api api) {
        Api staff = Users.staff(api);
        Kind k = create(staff, kind);
        Api.Res first = staff.get(k.url());
        String staleTag = first.header("ETag").orElseThrow();
        int version = first.json().getInt("version");
        Api.Res ok = staff.patch(k.url(), k.change(), Map.of("If-Match", staleTag));
        assertEquals(200, ok.status(), ok.body());
        assertEquals(version + 1, ok.json().getInt("version"));
        assertNotEquals(staleTag, ok.header("ETag").orElseThrow());

        for (String stale : new String[] {staleTag, Integer.toString(version)}) {
            Api.Res conflict =
                    staff.patch(
                            k.url(), Json.createObjectBuilder().build(), Map.of("If-Match", stale));
            assertEquals(409, conflict.status(), conflict.body());
            assertTrue(conflict.contentType().startsWith("application/problem+json"));
            JsonObject body = conflict.json();
            assertEquals("Version conflict", body.getString("error"));
            assertEquals("Resource has been modified by another user", body.getString("message"));
            assertEquals(version + 1, body.getInt("current_version"));
        }
        Api.Res del = staff.delete(k.url(), Map.of("If-Match", staleTag));
        assertEquals(409, del.status());
        Api.Res unchanged = staff.get(k.url());
        assertEquals(200, unchanged.status());
        assertEquals(version + 1, unchanged.json().getInt("version"));

        assertEquals(
                200,
                staff.patch(k.url(), k.change(), Map.of("If-Match", Integer.toString(version + 1)))
                        .status(),
                "bare version");
        assertEquals(200, staff.patch(k.url(), k.change(), Map.of("If-Match", "*")).status());
        String current = staff.get(k.url()).header("ETag").orElseThrow();
        assertEquals(
                200,
                staff.patch(k.url(), k.change(), Map.of("If-Match", "\"nope\", " + current))
                        .status(),
                "list");
        assertEquals(
                409,
                staff.patch(
                                k.url(),
                                k.change(),
                                Map.of(
                                        "If-Match",
                                        "W/" + staff.get(k.url()).header("ETag").orElseThrow()))
                        .status(),
                "a weak tag never satisfies If-Match");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void cachedValidators_answerAnonymous304s_andNeverOutliveAChange(String kind, Api api) {
        Api staff = Users.staff(api), anonymous = api.fresh();
        Kind k = create(staff, kind);
        String etag = anonymous.get(k.url()).header("ETag").orElseThrow();
        long before = Gauges.cachedValidatorHits(anonymous);
        for (int i = 0; i < 5; i++) {
            Api.Res c = anonymous.get(k.url(), Map.of("If-None-Match", etag));
            assertEquals(304, c.status());
            assertEquals(etag, c.header("ETag").orElse(null));
            assertEquals(
                    "public, max-age=0, must-revalidate", c.header("Cache-Control").orElse(null));
            assertTrue(c.header("Vary").orElse("").contains("Cookie"));
            assertTrue(c.header("Last-Modified").isPresent());
        }
        assertEquals(
                before + 5,
                Gauges.cachedValidatorHits(anonymous),
                "anonymous 304s come from the cached validators");
        assertEquals(304, staff.get(k.url(), Map.of("If-None-Match", etag)).status());
        assertEquals(
                before + 5,
                Gauges.cachedValidatorHits(anonymous),
                "a signed-in caller's 304 is decided by the resource, not the cache");

        Api.Res changed = staff.patch(k.url(), k.change());
        assertEquals(200, changed.status(), changed.body());
        Api.Res after = anonymous.get(k.url(), Map.of("If-None-Match", etag));
        assertEquals(200, after.status(), "the old ETag no longer matches, right after the write");
        assertEquals(changed.header("ETag").orElseThrow(), after.header("ETag").orElseThrow());
        assertEquals(
                304,
                anonymous
                        .get(k.url(), Map.of("If-None-Match", after.header("ETag").orElseThrow()))
                        .status());

        assertEquals(204, staff.delete(k.url()).status());
        assertEquals(
                404,
                anonymous
                        .get(k.url(), Map.of("If-None-Match", after.header("ETag").orElseThrow()))
                        .status(),
                "deleted: no cached 304 survives");
    }

    @Test
    void aCached304OfAPost_stillCountsAView(Api api) throws InterruptedException {
        Api staff = Users.staff(api), anonymous = api.fresh();
        String title = Users.unique("Viewed");
        long id =
                staff.post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder()
                                        .add("title", title)
                                        .add("status", "published")
                                        .build())
                        .id();
        String url = "/api/v1/blogs/posts/" + id + "/";
        String etag = anonymous.get(url).header("ETag").orElseThrow();
        long before = Gauges.cachedValidatorHits(anonymous);
        for (int i = 0; i < 7; i++)
            assertEquals(304, anonymous.get(url, Map.of("If-None-Match", etag)).status());
        assertEquals(before + 7, Gauges.cachedValidatorHits(anonymous));
        // The list does not count views; the GET above and the seven 304s do.
        String list = "/api/v1/blogs/posts/?search=" + title.split(" ")[1];
        int views =
                io.ansaf.it.Poll.until(
                        java.time.Duration.ofSeconds(5),
                        () -> staff.get(list).results().getJsonObject(0).getInt("view_count"),
                        v -> v == 8);
        assertEquals(8, views);
    }

    @Test
    void listEtag_movesWithEveryChange_butNotWithAnotherAuthorsDraft(Api api) {
        Api staff = Users.staff(api), author = Users.newUser(api), anonymous = api.fresh();
        String list = "/api/v1/blogs/posts/?page_size=5";
        String t0 = anonymous.get(list).header("ETag").orElseThrow();
        assertEquals(304, anonymous.get(list, Map.of("If-None-Match", t0)).status());

        long draft =
                author.post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder().add("title", Users.unique("D")).build())
                        .id();
        author.patch(
                "/api/v1/blogs/posts/" + draft + "/",
                Json.createObjectBuilder().add("title", "still a draft").build());
        assertEquals(
                t0,
                anonymous.get(list).header("ETag").orElseThrow(),
                "a draft's changes do not leak through the anonymous list tag");
        assertEquals(304, anonymous.get(list, Map.of("If-None-Match", t0)).status());
        String authorTag = author.get(list).header("ETag").orElseThrow();
        author.patch(
                "/api/v1/blogs/posts/" + draft + "/",
                Json.createObjectBuilder().add("excerpt", "x").build());
        assertNotEquals(
                authorTag,
                author.get(list).header("ETag").orElseThrow(),
                "the author's own list moves with the draft");

        String[] tags = new String[6];
        tags[0] = anonymous.get(list).header("ETag").orElseThrow();
        long id =
                staff.post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("L"))
                                        .add("status", "published")
                                        .build())
                        .id();
        tags[1] = anonymous.get(list).header("ETag").orElseThrow();
        staff.patch(
                "/api/v1/blogs/posts/" + id + "/",
                Json.createObjectBuilder().add("title", "renamed").build());
        tags[2] = anonymous.get(list).header("ETag").orElseThrow();
        staff.delete("/api/v1/blogs/posts/" + id + "/");
        tags[3] = anonymous.get(list).header("ETag").orElseThrow();
        staff.post("/api/v1/blogs/posts/" + id + "/restore/", null);
        tags[4] = anonymous.get(list).header("ETag").orElseThrow();
        staff.patch(
                "/api/v1/blogs/posts/" + id + "/",
                Json.createObjectBuilder().add("status", "draft").build());
        tags[5] = anonymous.get(list).header("ETag").orElseThrow();
        assertEquals(6, java.util.Set.of(tags).size(), java.util.Arrays.toString(tags));
        assertNotEquals(
                staff.get(list).header("ETag").orElseThrow(),
                anonymous.get(list).header("ETag").orElseThrow(),
                "staff and anonymous see different lists, so different tags");
    }

    @Test
    void fiftyWritersWithTheSameIfMatch_exactlyOneWins(Api api) throws Exception {
        Api staff = Users.staff(api);
        long id =
                staff.post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("Race"))
                                        .build())
                        .id();
        String url = "/api/v1/blogs/posts/" + id + "/";
        String etag = staff.get(url).header("ETag").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Api.Res>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String excerpt = "writer " + i;
                results.add(
                        pool.submit(
                                () ->
                                        staff.patch(
                                                url,
                                                Json.createObjectBuilder()
                                                        .add("excerpt", excerpt)
                                                        .build(),
                                                Map.of("If-Match", etag))));
            }
            List<Api.Res> ok = new ArrayList<>();
            int conflicts = 0;
            for (Future<Api.Res> f : results) {
                Api.Res r = f.get();
                if (r.status() == 200) ok.add(r);
                else if (r.status() == 409) conflicts++;
                else throw new AssertionError("unexpected " + r);
            }
            assertEquals(1, ok.size());
            assertEquals(49, conflicts);
            Api.Res fin = staff.get(url);
            assertEquals(ok.get(0).json().getString("excerpt"), fin.json().getString("excerpt"));
            assertEquals(2, fin.json().getInt("version"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyReadModifyWriteIncrements_withRetries_loseNothing(Api api) throws Exception {
        Api staff = Users.staff(api);
        long id =
                staff.post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("Counter"))
                                        .add("excerpt", "0")
                                        .build())
                        .id();
        String url = "/api/v1/blogs/posts/" + id + "/";
        ExecutorService pool = Executors.newFixedThreadPool(50);
        AtomicInteger retries = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(
                        pool.submit(
                                () -> {
                                    while (true) {
                                        Api.Res current = staff.get(url);
                                        int n =
                                                Integer.parseInt(
                                                        current.json().getString("excerpt"));
                                        Api.Res r =
                                                staff.patch(
                                                        url,
                                                        Json.createObjectBuilder()
                                                                .add(
                                                                        "excerpt",
                                                                        Integer.toString(n + 1))
                                                                .build(),
                                                        Map.of(
                                                                "If-Match",
                                                                current.header("ETag")
                                                                        .orElseThrow()));
                                        if (r.status() == 200) return null;
                                        if (r.status() != 409)
                                            throw new AssertionError("unexpected " + r);
                                        retries.incrementAndGet();
                                    }
                                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals("50", staff.get(url).json().getString("excerpt"));
        assertEquals(51, staff.get(url).json().getInt("version"));
    }

    @Test
    void fiftyBlindWriters_withoutIfMatch_neverGet500(Api api) throws Exception {
        Api staff = Users.staff(api);
        long id =
                staff.post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("Blind"))
                                        .build())
                        .id();
        String url = "/api/v1/blogs/posts/" + id + "/";
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Api.Res>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String excerpt = "blind " + i;
                results.add(
                        pool.submit(
                                () ->
                                        staff.patch(
                                                url,
                                                Json.createObjectBuilder()
                                                        .add("excerpt", excerpt)
                                                        .build())));
            }
            int ok = 0;
            for (Future<Api.Res> f : results) {
                Api.Res r = f.get();
                assertTrue(r.status() == 200 || r.status() == 409, r.toString());
                if (r.status() == 200) ok++;
            }
            assertEquals(
                    1 + ok,
                    staff.get(url).json().getInt("version"),
                    "every success is one version, none lost");
        } finally {
            pool.shutdownNow();
        }
    }
}
