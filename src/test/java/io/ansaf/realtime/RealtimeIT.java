package io.ansaf.realtime;

import static io.ansaf.realtime.DashboardClient.about;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.ServerProcess;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Dashboard sockets on one server: the message format, who sees what, Origin, and slow clients. */
@ExtendWith(SharedServer.class)
class RealtimeIT {
    static final String POSTS = "/api/v1/blogs/posts/";
    static final String BLOGS = "/ws/v1/blogs/";
    static final Duration WAIT = Duration.ofSeconds(10);

    static JsonObject post(String title, String status) {
        return Json.createObjectBuilder()
                .add("title", title)
                .add("body", "<p>" + title + "</p>")
                .add("status", status)
                .build();
    }

    static JsonObject patch(String field, String value) {
        return Json.createObjectBuilder().add(field, value).build();
    }

    static long create(Api as, String status) {
        Api.Res r = as.post(POSTS, post(Users.unique("Live"), status));
        assertEquals(201, r.status(), r.body());
        return r.id();
    }

    static void assertMessage(JsonObject m, String type, String model, String action, String id) {
        assertEquals(
                Set.of("type", "model", "action", "id", "data", "timestamp", "event_id"),
                m.keySet(),
                m.toString());
        assertEquals(type, m.getString("type"));
        assertEquals(model, m.getString("model"));
        assertEquals(action, m.getString("action"));
        assertEquals(JsonValue.ValueType.STRING, m.get("id").getValueType());
        assertEquals(id, m.getString("id"));
        assertTrue(
                m.getString("timestamp").matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"),
                m.getString("timestamp"));
    }

    @Test
    void createdUpdatedDeleted_arriveInTheContractFormat_withTheRestView(Api api) {
        Api author = Users.newUser(api);
        try (DashboardClient socket = DashboardClient.open(api.base(), BLOGS)) {
            Api.Res created = author.post(POSTS, post(Users.unique("Format"), "published"));
            assertEquals(201, created.status(), created.body());
            String id = String.valueOf(created.id());
            JsonObject m = socket.next("post", id);
            assertMessage(m, "blog_change", "post", "created", id);
            assertEquals(created.json(), m.getJsonObject("data"));

            Api.Res updated = author.patch(POSTS + id + "/", patch("excerpt", "changed"));
            assertEquals(200, updated.status(), updated.body());
            m = socket.next("post", id);
            assertMessage(m, "blog_change", "post", "updated", id);
            assertEquals(updated.json(), m.getJsonObject("data"));
            assertEquals(2, m.getJsonObject("data").getInt("version"));

            assertEquals(204, author.delete(POSTS + id + "/").status());
            m = socket.next("post", id);
            assertMessage(m, "blog_change", "post", "deleted", id);
            assertTrue(m.isNull("data"));
        }
    }

    @Test
    void refusedWrites_sendNothing(Api api) {
        Api author = Users.newUser(api), other = Users.newUser(api), staff = Users.staff(api);
        long id = create(author, "published");
        try (DashboardClient socket = DashboardClient.open(staff, BLOGS)) {
            String path = POSTS + id + "/";
            assertEquals(403, other.patch(path, patch("excerpt", "not mine")).status());
            assertEquals(403, other.delete(path).status());
            assertEquals(
                    409,
                    author.patch(
                                    path,
                                    patch("excerpt", "stale"),
                                    Map.of("If-Match", "\"post-" + id + "-v9\""))
                            .status());
            assertEquals(400, author.patch(path, patch("title", "")).status());
            assertEquals(400, author.patch(path, patch("status", "bogus")).status());
            assertEquals(200, author.patch(path, patch("excerpt", "accepted")).status());
            JsonObject m = socket.next("post", id);
            assertEquals("updated", m.getString("action"));
            assertEquals(
                    "accepted",
                    m.getJsonObject("data").getString("excerpt"),
                    "the first message is the accepted write's");
            assertEquals(2, m.getJsonObject("data").getInt("version"));
        }
    }

    @Test
    void anonymousSocket_neverSeesDrafts_andSeesUnpublishingAsDeleted(Api api) {
        Api author = Users.newUser(api);
        try (DashboardClient anonymous = DashboardClient.open(api.base(), BLOGS)) {
            long draft = create(author, "draft");
            assertEquals(
                    200,
                    author.patch(POSTS + draft + "/", patch("excerpt", "still a draft")).status());
            long published = create(author, "published");
            JsonObject first =
                    anonymous.next(about("post", draft).or(about("post", published)), WAIT).json();
            assertEquals(
                    String.valueOf(published),
                    first.getString("id"),
                    "no message about the draft: " + first);
            assertEquals("created", first.getString("action"));

            assertEquals(
                    200, author.patch(POSTS + published + "/", patch("status", "draft")).status());
            JsonObject unpublished = anonymous.next("post", published);
            assertMessage(unpublished, "blog_change", "post", "deleted", String.valueOf(published));
            assertTrue(unpublished.isNull("data"));

            assertEquals(
                    200,
                    author.patch(POSTS + published + "/", patch("excerpt", "draft again"))
                            .status());
            long marker = create(author, "published");
            JsonObject next =
                    anonymous.next(about("post", published).or(about("post", marker)), WAIT).json();
            assertEquals(
                    String.valueOf(marker),
                    next.getString("id"),
                    "nothing about the post once it is a draft: " + next);
        }
    }

    @Test
    void staffAndAuthorSockets_seeDrafts(Api api) {
        Api author = Users.newUser(api), staff = Users.staff(api), other = Users.newUser(api);
        try (DashboardClient staffSocket = DashboardClient.open(staff, BLOGS);
                DashboardClient authorSocket = DashboardClient.open(author, BLOGS);
                DashboardClient otherSocket = DashboardClient.open(other, BLOGS)) {
            long draft = create(author, "draft");
            for (DashboardClient s : new DashboardClient[] {staffSocket, authorSocket}) {
                JsonObject m = s.next("post", draft);
                assertEquals("created", m.getString("action"));
                assertEquals("draft", m.getJsonObject("data").getString("status"));
            }
            long marker = create(author, "published");
            JsonObject first =
                    otherSocket.next(about("post", draft).or(about("post", marker)), WAIT).json();
            assertEquals(
                    String.valueOf(marker),
                    first.getString("id"),
                    "another user does not see the draft: " + first);
        }
    }

    /**
     * On logout the container closes the session's socket (1008, as the WebSocket spec asks for an
     * authenticated socket whose HTTP session ends); it tracks one socket per session, so a second
     * socket of the same session stays open, and is anonymous from then on. Either way no private
     * event reaches it.
     */
    @Test
    void socketsWhoseSessionLoggedOut_stopGettingPrivateEvents(Api api) {
        Api author = Users.newUser(api), newStaff = Users.newStaff(api), admin = Users.staff(api);
        long draft = create(author, "draft");
        try (DashboardClient authorFirst = DashboardClient.open(author, BLOGS);
                DashboardClient authorSecond = DashboardClient.open(author, BLOGS);
                DashboardClient staffFirst = DashboardClient.open(newStaff, BLOGS);
                DashboardClient staffSecond = DashboardClient.open(newStaff, BLOGS)) {
            DashboardClient[] sockets = {authorFirst, authorSecond, staffFirst, staffSecond};
            assertEquals(200, admin.patch(POSTS + draft + "/", patch("excerpt", "seen")).status());
            for (DashboardClient s : sockets) {
                JsonObject m = s.next("post", draft);
                // The draft's creation committed before the sockets opened, but its frame may
                // still be on its way when they do: then it comes first.
                if (m.getString("action").equals("created")) m = s.next("post", draft);
                assertEquals("updated", m.getString("action"));
            }

            assertEquals(204, author.post("/api/v1/auth/logout/", null).status());
            assertEquals(204, newStaff.post("/api/v1/auth/logout/", null).status());
            assertEquals(
                    200, admin.patch(POSTS + draft + "/", patch("excerpt", "unseen")).status());
            long marker = create(admin, "published");
            Predicate<JsonObject> either = about("post", draft).or(about("post", marker));
            int stillOpen = 0;
            for (DashboardClient s : sockets) {
                JsonObject first = s.nextOrClosed(either, WAIT);
                if (first == null) {
                    assertEquals(
                            1008, s.closeCode, "closed by the container because the session ended");
                } else {
                    assertEquals(
                            String.valueOf(marker),
                            first.getString("id"),
                            "the logged-out socket is anonymous: " + first);
                    stillOpen++;
                }
            }
            assertTrue(
                    stillOpen >= 1,
                    "a socket the container did not close shows the anonymous path");
        }
    }

    @Test
    void pagesSocket_withoutTrailingSlash_getsPageChangesBySlug(Api api) {
        Api staff = Users.staff(api);
        try (DashboardClient socket = DashboardClient.open(api.base(), "/ws/v1/pages")) {
            Api.Res page =
                    staff.post("/api/v1/pages/", post(Users.unique("Live page"), "published"));
            assertEquals(201, page.status(), page.body());
            String slug = page.json().getString("slug");
            JsonObject m = socket.next("page", slug);
            assertMessage(m, "page_change", "page", "created", slug);
            assertEquals(page.json(), m.getJsonObject("data"));
        }
    }

    @Test
    void foreignOrigin_isRefused_ownAndAllowedOriginsAndNoOriginAreAccepted(ServerProcess server)
            throws Exception {
        try (RawSocket foreign = new RawSocket(server.base(), BLOGS, "http://evil.example")) {
            assertEquals(403, foreign.status(), foreign.statusLine);
        }
        try (RawSocket foreign =
                new RawSocket(server.base(), "/ws/v1/pages", "https://allowed.example")) {
            assertEquals(
                    403,
                    foreign.status(),
                    "the scheme is part of the origin: " + foreign.statusLine);
        }
        for (String origin :
                new String[] {
                    "http://allowed.example", "http://127.0.0.1:" + server.port(), null
                }) {
            try (RawSocket accepted = new RawSocket(server.base(), BLOGS, origin)) {
                assertEquals(101, accepted.status(), origin + ": " + accepted.statusLine);
            }
        }
    }

    @Test
    void aClientThatNeverReads_doesNotDelayTheOthers(Api api) throws Exception {
        Api author = Users.newUser(api);
        String bulk = "<p>" + "slow ".repeat(4000) + "</p>";
        Api.Res created =
                author.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", Users.unique("Bulk"))
                                .add("body", bulk)
                                .add("status", "published")
                                .build());
        assertEquals(201, created.status());
        long id = created.id();
        try (RawSocket stuck = new RawSocket(api.base(), BLOGS, null);
                DashboardClient normal = DashboardClient.open(api.base(), BLOGS)) {
            assertEquals(101, stuck.status());
            long worst = 0;
            for (int version = 2; version <= 201; version++) {
                Api.Res r = author.patch(POSTS + id + "/", patch("excerpt", "v" + version));
                assertEquals(200, r.status(), r.body());
                long answered = System.nanoTime();
                int expected = version;
                DashboardClient.Received m =
                        normal.next(
                                about("post", id)
                                        .and(
                                                j ->
                                                        j.getJsonObject("data").getInt("version")
                                                                == expected),
                                WAIT);
                worst = Math.max(worst, m.nanos() - answered);
            }
            assertTrue(
                    worst < TimeUnit.SECONDS.toNanos(2),
                    "slowest delivery " + worst / 1_000_000 + " ms");
            normal.assertOpen();
        }
    }
}
