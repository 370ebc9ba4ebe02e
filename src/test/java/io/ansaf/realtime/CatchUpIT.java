package io.ansaf.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The change feed with catch-up on one server (with Redis when the shared server has it): sockets
 * that reconnect with {@code ?since=}, changes made while they replay, and the polling endpoint.
 */
@ExtendWith(SharedServer.class)
class CatchUpIT {
    static final String POSTS = "/api/v1/blogs/posts/";
    static final String BLOGS = "/ws/v1/blogs/";
    static final String CHANGES = "/api/v1/changes/";
    static final Duration WAIT = Duration.ofSeconds(20);

    static long create(Api as, String title, String status) {
        Api.Res r =
                as.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", title)
                                .add("status", status)
                                .build());
        assertEquals(201, r.status(), r.body());
        return r.id();
    }

    static void edit(Api as, long id, String excerpt) {
        Api.Res r =
                as.patch(
                        POSTS + id + "/",
                        Json.createObjectBuilder().add("excerpt", excerpt).build());
        assertEquals(200, r.status(), r.body());
    }

    /** The number part of an event id: consecutive on a channel, as the server writes them. */
    static long seq(String eventId) {
        return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1));
    }

    static Predicate<JsonObject> change() {
        return m -> "blog_change".equals(m.getString("type", null));
    }

    /** Creates a published post and returns the event id its creation got on a staff socket. */
    static String anchor(Api staff) {
        try (DashboardClient socket = DashboardClient.open(staff, BLOGS)) {
            long id = create(staff, Users.unique("Anchor"), "published");
            return socket.next("post", id).getString("event_id");
        }
    }

    @Test
    void reconnectWithSince_getsExactlyWhatItMaySee_inCommitOrder_thenLiveOnes(Api api) {
        Api staff = Users.staff(api);
        Api author = Users.newUser(api);
        Api other = Users.newUser(api);
        String since;
        try (DashboardClient socket = DashboardClient.open(api.base(), BLOGS)) {
            long first = create(author, Users.unique("Before"), "published");
            since = socket.next("post", first).getString("event_id");
        }
        // While the socket is away: 15 changes an anonymous reader may see, 5 drafts it may not.
        List<String> expected = new ArrayList<>();
        Set<String> drafts = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            if (i % 4 == 3) {
                drafts.add(String.valueOf(create(other, Users.unique("Draft"), "draft")));
            } else if (i % 2 == 0) {
                long id = create(author, Users.unique("Away"), "published");
                expected.add("created " + id);
            } else {
                long id = create(author, Users.unique("Edited"), "published");
                edit(author, id, "edited while away");
                expected.add("created " + id);
                expected.add("updated " + id);
            }
        }
        assertEquals(5, drafts.size());
        int visible = expected.size();
        try (DashboardClient socket = DashboardClient.open(api.base(), BLOGS + "?since=" + since)) {
            List<JsonObject> replayed = new ArrayList<>();
            while (replayed.size() < visible) {
                JsonObject m = socket.next(change(), WAIT).json();
                assertFalse(drafts.contains(m.getString("id")), "a draft leaked: " + m);
                replayed.add(m);
            }
            List<String> got = new ArrayList<>();
            String previous = since;
            for (JsonObject m : replayed) {
                got.add(m.getString("action") + " " + m.getString("id"));
                assertTrue(seq(m.getString("event_id")) > seq(previous), m.toString());
                previous = m.getString("event_id");
            }
            assertEquals(expected, got, "every visible change, in commit order, once");
            long live = create(author, Users.unique("Live"), "published");
            JsonObject m = socket.next("post", live);
            assertEquals("created", m.getString("action"));
            assertTrue(seq(m.getString("event_id")) > seq(previous));
            assertEquals(
                    List.of(),
                    socket.all(change(), Duration.ofMillis(500)),
                    "nothing after the live change");
        }
        assertNotNull(staff);
    }

    @Test
    void changesMadeDuringTheReplay_areNeitherLostNorDoubled(Api api) throws Exception {
        Api staff = Users.staff(api);
        String since = anchor(staff);
        long post = create(staff, Users.unique("Busy"), "published");
        // More than one page of replay (a page is half the socket's queue, 128 by default).
        for (int i = 0; i < 300; i++) edit(staff, post, "before " + i);
        Api writer = Users.staff(api.fresh());
        CompletableFuture<Void> during =
                CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < 60; i++) edit(writer, post, "during " + i);
                        });
        try (DashboardClient socket = DashboardClient.open(staff, BLOGS + "?since=" + since)) {
            during.get();
            edit(staff, post, "last");
            // A staff socket sees every change of the channel: the numbers run on without a gap.
            long expect = seq(since) + 1;
            while (true) {
                JsonObject m = socket.next(change(), WAIT).json();
                assertEquals(expect, seq(m.getString("event_id")), "no gap and no duplicate: " + m);
                expect++;
                JsonValue data = m.get("data");
                if (String.valueOf(post).equals(m.getString("id"))
                        && data instanceof JsonObject d
                        && "last".equals(d.getString("excerpt", null))) break;
            }
            assertEquals(
                    List.of(),
                    socket.all(change(), Duration.ofMillis(500)),
                    "nothing after the last change");
            socket.assertOpen();
        }
    }

    @Test
    void sinceUnknownOrMalformed_startsWithResync_thenLive(Api api) {
        Api staff = Users.staff(api);
        for (String since : new String[] {"zzzz-000000000001", "not-an-id", ""}) {
            try (DashboardClient socket = DashboardClient.open(staff, BLOGS + "?since=" + since)) {
                JsonObject first = socket.next(m -> true, WAIT).json();
                assertEquals("resync", first.getString("type"), since + ": " + first);
                long id = create(staff, Users.unique("AfterResync"), "published");
                assertEquals("created", socket.next("post", id).getString("action"));
            }
        }
    }

    @Test
    void pollingPagesThrough1200Events_500AtATime(Api api) {
        Api staff = Users.staff(api);
        String since = anchor(staff);
        long post = create(staff, Users.unique("Polled"), "published");
        for (int i = 1; i < 1200; i++) edit(staff, post, "v" + i);
        List<Integer> pages = new ArrayList<>();
        long expect = seq(since) + 1;
        String cursor = since;
        int ours = 0;
        while (true) {
            Api.Res r = staff.get(CHANGES + "?channel=blogs&limit=500&since=" + cursor);
            assertEquals(200, r.status(), r.body());
            var events = r.json().getJsonArray("events");
            if (events.isEmpty()) {
                assertEquals(cursor, r.json().getString("last_event_id"));
                break;
            }
            pages.add(events.size());
            for (JsonValue v : events) {
                JsonObject m = v.asJsonObject();
                assertEquals(expect++, seq(m.getString("event_id")), m.toString());
                if (String.valueOf(post).equals(m.getString("id"))) ours++;
            }
            cursor = r.json().getString("last_event_id");
            assertEquals(events.getJsonObject(events.size() - 1).getString("event_id"), cursor);
        }
        assertEquals(1200, ours, "the creation and 1,199 edits");
        assertTrue(pages.size() >= 3 && pages.get(0) == 500 && pages.get(1) == 500, "" + pages);
    }

    @Test
    void polling_withoutSince_malformed_gone_andWhatAnonymousMaySee(Api api) {
        Api staff = Users.staff(api);
        Api other = Users.newUser(api);
        long draft = create(other, Users.unique("Hidden"), "draft");
        Api anonymous = api.fresh();
        Api.Res newest = anonymous.get(CHANGES + "?channel=blogs&limit=50");
        assertEquals(200, newest.status(), newest.body());
        assertTrue(newest.json().getJsonArray("events").size() <= 50);
        for (JsonValue v : newest.json().getJsonArray("events"))
            assertFalse(String.valueOf(draft).equals(v.asJsonObject().getString("id")));
        Api.Res asStaff = staff.get(CHANGES + "?channel=blogs&limit=50");
        assertTrue(
                asStaff.json().getJsonArray("events").stream()
                        .anyMatch(
                                v ->
                                        String.valueOf(draft)
                                                .equals(v.asJsonObject().getString("id"))),
                "staff see the draft's creation");

        Api.Res malformed = anonymous.get(CHANGES + "?channel=blogs&since=nonsense");
        assertEquals(400, malformed.status(), malformed.body());
        assertTrue(malformed.contentType().startsWith("application/problem+json"));
        assertEquals(400, anonymous.get(CHANGES + "?channel=users").status());
        assertEquals(400, anonymous.get(CHANGES).status());
        assertEquals(400, anonymous.get(CHANGES + "?channel=blogs&limit=0").status());
        Api.Res gone = anonymous.get(CHANGES + "?channel=blogs&since=zzzz-000000000001");
        assertEquals(410, gone.status(), gone.body());
        assertTrue(gone.contentType().startsWith("application/problem+json"));
        Api.Res clamped = staff.get(CHANGES + "?channel=blogs&limit=100000");
        assertEquals(200, clamped.status());
        assertTrue(clamped.json().getJsonArray("events").size() <= 500);
    }
}
