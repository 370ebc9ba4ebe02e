package io.ansaf.realtime;

import static io.ansaf.realtime.DashboardClient.about;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.Gauges;
import io.ansaf.it.Poll;
import io.ansaf.it.RedisForTests;
import io.ansaf.it.ServerProcess;
import io.ansaf.it.TestAdmin;
import io.ansaf.it.TestDatabase;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real-time delivery across servers. NOT on the shared server: this class boots its own — two
 * instances sharing one PostgreSQL database and one private Redis (which a test stops and
 * restarts), one instance without Redis, and one whose malformed {@code REDIS_URL} must end its
 * start-up — in parallel where they do not depend on each other, and stops them all afterwards.
 */
class RealtimeClusterIT {
    static final String POSTS = "/api/v1/blogs/posts/";
    static final String BLOGS = "/ws/v1/blogs/";
    static final Duration WAIT = Duration.ofSeconds(10);

    /** The keep-alive interval of the instance without Redis, short enough to watch pings. */
    static final int LOCAL_PING_SECONDS = 2;

    /** The history kept per channel by every server of this class. */
    static final int KEEP = 10;

    /** The rate limits of the servers here (per 60 s window) and the local one's socket cap. */
    static final int WRITES = 20;

    static final int READS = 30;

    /** Above the anonymous sockets the ping test opens (all from 127.0.0.1, one client). */
    static final int SOCKETS = PingSlices.SLICES + 1;

    static int redisPort;
    static TestDatabase shared;
    static TestDatabase localDb;
    static TestDatabase badDb;
    static ServerProcess a;
    static ServerProcess b;
    static ServerProcess local;
    static ServerProcess badRedis;

    @BeforeAll
    static void boot() {
        redisPort = ServerProcess.freePort();
        String redis = RedisForTests.startOwn(redisPort);
        assertNotNull(redis, "redis-server must be on PATH for the cross-instance tests");
        shared = TestDatabase.postgres();
        localDb = TestDatabase.create();
        badDb = TestDatabase.create();

        Map<String, String> clustered = new HashMap<>(shared.env());
        clustered.put("REDIS_URL", redis);
        // Cached validators live long here, so only the change feed can make them go.
        clustered.put("ANSAF_HTTP_CACHED_VALIDATORS_SECONDS", "600");
        // A short history, so that retention is quick to reach.
        clustered.put("ANSAF_EVENTS_KEEP", Integer.toString(KEEP));
        // Writes limited (tests' writes are staff's, who are not limited); reads barely.
        clustered.put("ANSAF_RATE_LIMIT_WRITES", Integer.toString(WRITES));
        Map<String, String> first = new HashMap<>(clustered);
        first.putAll(TestAdmin.env());
        a = new ServerProcess("realtime-a", first);
        b = new ServerProcess("realtime-b", clustered);

        Map<String, String> alone = new HashMap<>(localDb.env());
        alone.put("REDIS_URL", "");
        alone.put("ANSAF_WS_PING_SECONDS", Integer.toString(LOCAL_PING_SECONDS));
        alone.put("ANSAF_EVENTS_KEEP", Integer.toString(KEEP));
        alone.put("ANSAF_RATE_LIMIT_READS", Integer.toString(READS));
        alone.put("ANSAF_WS_MAX_PER_CLIENT", Integer.toString(SOCKETS));
        alone.putAll(TestAdmin.env());
        local = new ServerProcess("realtime-local", alone);

        Map<String, String> bad = new HashMap<>(badDb.env());
        bad.put("REDIS_URL", "redis://127.0.0.1:notaport");
        badRedis = new ServerProcess("realtime-bad-redis-url", bad).startExpectingExit();

        // B starts after A: A creates the schema and the admin user in the shared database.
        CompletableFuture<?> pair = CompletableFuture.runAsync(a::start).thenRun(b::start);
        CompletableFuture<?> single = CompletableFuture.runAsync(local::start);
        CompletableFuture.allOf(pair, single).join();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (ServerProcess s : new ServerProcess[] {a, b, local, badRedis}) {
            if (s != null) s.close();
        }
        RedisForTests.stopOwn(redisPort);
        for (TestDatabase db : new TestDatabase[] {shared, localDb, badDb}) {
            if (db != null) db.close();
        }
    }

    static long createPublished(Api as) {
        Api.Res r =
                as.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", Users.unique("Cluster"))
                                .add("status", "published")
                                .build());
        assertEquals(201, r.status(), r.body());
        return r.id();
    }

    static JsonObject excerpt(String text) {
        return Json.createObjectBuilder().add("excerpt", text).build();
    }

    /** The one message about the post, and no second one within a second after it. */
    static JsonObject exactlyOne(DashboardClient socket, long id) {
        JsonObject m = socket.next("post", id);
        List<JsonObject> more = socket.all(about("post", id), Duration.ofSeconds(1));
        assertTrue(more.isEmpty(), "duplicate delivery: " + more);
        return m;
    }

    /**
     * Revalidates {@code url} with {@code etag} until the answer is a 200 (the change arrived) or
     * {@link #WAIT} passes.
     */
    static Api.Res awaitFullAnswer(Api api, String url, String etag) {
        return Poll.until(
                WAIT,
                Duration.ofMillis(20),
                () -> api.get(url, Map.of("If-None-Match", etag)),
                r -> r.status() == 200);
    }

    static JsonObject redisCheck(Api.Res ready) {
        return ready.json().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals("redis"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(ready.body()));
    }

    static Api.Res awaitReadiness(Api api, int status, Duration timeout) {
        Api.Res r =
                Poll.until(
                        timeout,
                        Duration.ofMillis(200),
                        () -> api.get("/health/ready"),
                        x -> x.status() == status);
        if (r.status() != status)
            throw new AssertionError("readiness not " + status + " within " + timeout + ": " + r);
        return r;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aChangeOnEitherInstance_reachesTheSocketsOfBoth_exactlyOnce() {
        Api onA = Users.staff(new Api(a.base()));
        Api onB = Users.staff(new Api(b.base()));
        try (DashboardClient socketA = DashboardClient.open(a.base(), BLOGS);
                DashboardClient socketB = DashboardClient.open(b.base(), BLOGS)) {
            long id = createPublished(onA);
            assertEquals("created", exactlyOne(socketA, id).getString("action"));
            assertEquals("created", exactlyOne(socketB, id).getString("action"));

            assertEquals(200, onB.patch(POSTS + id + "/", excerpt("from B")).status());
            for (DashboardClient s : new DashboardClient[] {socketA, socketB}) {
                JsonObject m = exactlyOne(s, id);
                assertEquals("updated", m.getString("action"));
                assertEquals("from B", m.getJsonObject("data").getString("excerpt"));
            }
        }
    }

    @Test
    void cachedValidators_onOneInstance_forgetAChangeMadeOnAnother() {
        Api onA = Users.staff(new Api(a.base()));
        Api anonymousB = new Api(b.base());
        long id = createPublished(onA);
        String url = POSTS + id + "/";
        String old = anonymousB.get(url).header("ETag").orElseThrow();
        long hits = Gauges.cachedValidatorHits(anonymousB);
        assertEquals(304, anonymousB.get(url, Map.of("If-None-Match", old)).status());
        assertEquals(
                hits + 1,
                Gauges.cachedValidatorHits(anonymousB),
                "B answered from its cached validators");

        Api.Res changed = onA.patch(url, excerpt("changed on A"));
        assertEquals(200, changed.status(), changed.body());
        Api.Res r = awaitFullAnswer(anonymousB, url, old);
        assertEquals(
                200,
                r.status(),
                "B forgot the old validators when A's change arrived through Redis");
        assertEquals(changed.header("ETag").orElseThrow(), r.header("ETag").orElseThrow());
    }

    @Test
    void authorRenamedOnOneInstance_anotherInstanceAnswers200ToTheOldETag() {
        Api staffA = Users.staff(new Api(a.base()));
        Api writer = Users.newUser(new Api(a.base()));
        long userId = writer.get("/api/v1/auth/me/").json().getJsonNumber("id").longValue();
        long id = createPublished(writer);
        String url = POSTS + id + "/";
        Api anonymousB = new Api(b.base());
        String old = anonymousB.get(url).header("ETag").orElseThrow();
        assertEquals(
                304,
                anonymousB.get(url, Map.of("If-None-Match", old)).status(),
                "B holds the validators in memory");

        String name = "renamed" + id;
        assertEquals(
                200,
                staffA.patch(
                                "/api/v1/auth/users/" + userId + "/",
                                Json.createObjectBuilder().add("username", name).build())
                        .status());
        Api.Res r = awaitFullAnswer(anonymousB, url, old);
        assertEquals(
                200,
                r.status(),
                "B forgot the post's validators when A's rename arrived through Redis");
        assertEquals(name, r.json().getJsonObject("author").getString("username"));
    }

    @Test
    void redisOutage_keepsWritesWorking_makesReadinessDown_andEndsWithResyncAndLiveEvents()
            throws Exception {
        Api onA = Users.staff(new Api(a.base()));
        Api anonymousA = new Api(a.base()), anonymousB = new Api(b.base());
        long id = createPublished(onA);
        try (DashboardClient socketA = DashboardClient.open(a.base(), BLOGS);
                DashboardClient socketB = DashboardClient.open(b.base(), BLOGS)) {
            String cached = anonymousB.get(POSTS + id + "/").header("ETag").orElseThrow();
            assertEquals(
                    304,
                    anonymousB.get(POSTS + id + "/", Map.of("If-None-Match", cached)).status());
            RedisForTests.stopOwn(redisPort);
            try {
                Api.Res down = awaitReadiness(anonymousA, 503, Duration.ofSeconds(15));
                assertEquals("DOWN", redisCheck(down).getString("status"), down.body());
                awaitReadiness(anonymousB, 503, Duration.ofSeconds(15));
                long started = System.nanoTime();
                Api.Res during = onA.patch(POSTS + id + "/", excerpt("during the outage"));
                assertEquals(200, during.status(), during.body());
                assertTrue(
                        System.nanoTime() - started < Duration.ofSeconds(5).toNanos(),
                        "a write does not wait for Redis");
                assertEquals(
                        200,
                        anonymousB.get(POSTS + id + "/", Map.of("If-None-Match", cached)).status(),
                        "B hears of no change while Redis is down, so it does not trust its cached validators");
            } finally {
                RedisForTests.startOwn(redisPort);
            }
            assertEquals(
                    "UP",
                    redisCheck(awaitReadiness(anonymousA, 200, Duration.ofSeconds(30)))
                            .getString("status"));
            awaitReadiness(anonymousB, 200, Duration.ofSeconds(30));
            for (DashboardClient s : new DashboardClient[] {socketA, socketB}) {
                JsonObject resync = s.next(DashboardClient.resync(), WAIT).json();
                assertEquals(
                        Set.of("type", "event_id", "timestamp"),
                        resync.keySet(),
                        resync.toString());
                assertTrue(
                        resync.getString("timestamp")
                                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"),
                        resync.toString());
            }
            assertEquals(200, onA.patch(POSTS + id + "/", excerpt("after the outage")).status());
            for (DashboardClient s : new DashboardClient[] {socketA, socketB}) {
                JsonObject m = exactlyOne(s, id);
                assertEquals(
                        "after the outage",
                        m.getJsonObject("data").getString("excerpt"),
                        "the outage's change was not buffered and replayed");
            }
        }
    }

    /** The event id a staff socket on {@code on} receives for the creation of a new post. */
    static String idOfANewPost(Api staff) {
        try (DashboardClient socket = DashboardClient.open(staff, BLOGS)) {
            return exactlyOne(socket, createPublished(staff)).getString("event_id");
        }
    }

    static DashboardClient since(Api staff, String eventId) {
        return DashboardClient.open(staff, BLOGS + "?since=" + eventId);
    }

    @Test
    void anIdTakenOnA_replaysOnB() {
        Api onA = Users.staff(new Api(a.base()));
        Api onB = Users.staff(new Api(b.base()));
        String since = idOfANewPost(onA);
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) made.add(createPublished(onA));
        try (DashboardClient socket = since(onB, since)) {
            for (long id : made) {
                JsonObject m =
                        socket.next(m2 -> "blog_change".equals(m2.getString("type", null)), WAIT)
                                .json();
                assertEquals(String.valueOf(id), m.getString("id"), "replayed in commit order");
                assertEquals("created", m.getString("action"));
            }
        }
    }

    @Test
    void retention_anIdMoreThanKeepBehind_getsResync_andOneWithinItReplays() {
        for (ServerProcess server : new ServerProcess[] {a, local}) {
            Api staff = Users.staff(new Api(server.base()));
            String tooOld;
            String within;
            try (DashboardClient watch = DashboardClient.open(staff, BLOGS)) {
                tooOld = exactlyOne(watch, createPublished(staff)).getString("event_id");
                within = watch.next("post", createPublished(staff)).getString("event_id");
                for (int i = 0; i < KEEP; i++) watch.next("post", createPublished(staff));
            }
            // KEEP + 1 changes came after tooOld, KEEP after within.
            try (DashboardClient s = since(staff, tooOld)) {
                JsonObject first = s.next(m -> true, WAIT).json();
                assertEquals("resync", first.getString("type"), server + ": " + first);
                assertTrue(
                        first.getString("event_id").compareTo(within) > 0,
                        "the resync names the newest id kept: " + first);
            }
            try (DashboardClient s = since(staff, within)) {
                List<JsonObject> replayed =
                        s.all(
                                m -> "blog_change".equals(m.getString("type", null)),
                                Duration.ofSeconds(2));
                assertEquals(KEEP, replayed.size(), server + ": " + replayed);
            }
            Api.Res gone = staff.get("/api/v1/changes/?channel=blogs&since=" + tooOld);
            assertEquals(410, gone.status(), gone.body());
        }
    }

    @Test
    void redisRestartedEmpty_anOldIdGetsResync() throws Exception {
        Api onA = Users.staff(new Api(a.base()));
        String since = idOfANewPost(onA);
        RedisForTests.stopOwn(redisPort);
        RedisForTests.startOwn(redisPort);
        awaitReadiness(new Api(a.base()), 200, Duration.ofSeconds(30));
        awaitReadiness(new Api(b.base()), 200, Duration.ofSeconds(30));
        // A change into the empty Redis starts a new history.
        createPublished(onA);
        for (ServerProcess server : new ServerProcess[] {a, b}) {
            Api staff = Users.staff(new Api(server.base()));
            try (DashboardClient s = since(staff, since)) {
                JsonObject first = s.next(m -> true, WAIT).json();
                assertEquals("resync", first.getString("type"), first.toString());
            }
        }
    }

    static Map<String, String> from(String address) {
        return Map.of("X-Forwarded-For", address);
    }

    @Test
    void writesOfOneClient_areCountedOnBothInstances_thenRefusedWith429() {
        String client = "198.51.100." + (1 + new java.util.Random().nextInt(200));
        Api onA = new Api(a.base()), onB = new Api(b.base());
        String body = "{\"post\":1,\"body\":\"hi\"}";
        for (int i = 0; i < WRITES; i++) {
            Api.Res r =
                    (i % 2 == 0 ? onA : onB)
                            .send("POST", "/api/v1/blogs/comments/", body, from(client));
            assertTrue(r.status() != 429, i + ": " + r);
            assertEquals(
                    "\"writes\";q=" + WRITES + ";w=60", r.header("RateLimit-Policy").orElseThrow());
            assertTrue(
                    r.header("RateLimit")
                            .orElseThrow()
                            .startsWith("\"writes\";r=" + (WRITES - 1 - i) + ";t="),
                    i + ": " + r.header("RateLimit"));
        }
        for (Api server : new Api[] {onA, onB}) {
            Api.Res r = server.send("POST", "/api/v1/blogs/comments/", body, from(client));
            assertEquals(429, r.status(), r.toString());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.toString());
            long retry = Long.parseLong(r.header("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 60, "" + retry);
        }
        // Another client, and reads, are not affected.
        assertTrue(
                onA.send("POST", "/api/v1/blogs/comments/", body, from("198.51.100.250")).status()
                        != 429);
        assertEquals(200, onA.get("/api/v1/blogs/posts/", from(client)).status());
    }

    @Test
    void readsOfOneClient_withoutRedis_areLimitedOnTheInstance_andStaffAreNot() {
        String client = "203.0.113." + (1 + new java.util.Random().nextInt(200));
        Api anonymous = new Api(local.base());
        for (int i = 0; i < READS; i++)
            assertEquals(200, anonymous.get("/api/v1/blogs/posts/", from(client)).status(), "" + i);
        Api.Res refused = anonymous.get("/api/v1/blogs/posts/", from(client));
        assertEquals(429, refused.status(), refused.toString());
        assertTrue(refused.body().contains("try again in"), refused.body());
        Api staff = Users.staff(new Api(local.base()));
        for (int i = 0; i < READS + 5; i++)
            assertEquals(200, staff.get("/api/v1/blogs/posts/", from(client)).status());
        assertTrue(
                staff.get("/api/v1/blogs/posts/").header("RateLimit").isEmpty(),
                "staff are not limited");
    }

    @Test
    void socketsOfOneClient_areCappedPerInstance() {
        Api user = Users.newUser(new Api(local.base()));
        List<DashboardClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < SOCKETS; i++) open.add(DashboardClient.open(user, BLOGS));
            java.util.concurrent.CompletionException refused =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            java.util.concurrent.CompletionException.class,
                            () -> DashboardClient.open(user, BLOGS));
            assertEquals(
                    429,
                    ((java.net.http.WebSocketHandshakeException) refused.getCause())
                            .getResponse()
                            .statusCode(),
                    "one socket over the cap");
            open.remove(0).close();
            open.add(
                    Poll.until(
                            WAIT,
                            Duration.ofMillis(100),
                            () -> {
                                try {
                                    return DashboardClient.open(user, BLOGS);
                                } catch (RuntimeException stillFull) {
                                    return null;
                                }
                            },
                            s -> s != null));
        } finally {
            open.forEach(DashboardClient::close);
        }
    }

    @Test
    void withoutRedis_oneInstanceDeliversInProcess_andReadinessSaysNotConfigured() {
        Api staff = Users.staff(new Api(local.base()));
        Api.Res ready = staff.get("/health/ready");
        assertEquals(200, ready.status(), ready.body());
        // Payara's health endpoint writes check data as strings.
        assertEquals(
                "false",
                redisCheck(ready).getJsonObject("data").getString("configured"),
                ready.body());
        try (DashboardClient socket = DashboardClient.open(local.base(), BLOGS)) {
            long id = createPublished(staff);
            assertEquals("created", exactlyOne(socket, id).getString("action"));
        }
    }

    @Test
    void failedLogins_countOnEveryInstance() {
        String name = Users.unique("guesser");
        JsonObject wrong =
                Json.createObjectBuilder()
                        .add("username", name)
                        .add("password", "wrong-password")
                        .build();
        Api onA = new Api(a.base());
        for (int i = 0; i < 5; i++)
            assertEquals(401, onA.post("/api/v1/auth/login/", wrong).status());
        Api.Res onB = new Api(b.base()).post("/api/v1/auth/login/", wrong);
        assertEquals(429, onB.status(), "B counts the failures made on A: " + onB.body());
        long retryAfter = Long.parseLong(onB.header("Retry-After").orElseThrow());
        assertTrue(
                retryAfter > 800 && retryAfter <= 900,
                "until the first failure leaves the 15-minute window: " + retryAfter);
    }

    @Test
    void twentyConcurrentGuesses_spreadOverBothInstances_letAtMostFiveThrough() {
        String name = Users.unique("racer");
        JsonObject wrong =
                Json.createObjectBuilder()
                        .add("username", name)
                        .add("password", "wrong-password")
                        .build();
        // Each guesser holds its CSRF token beforehand, so the guesses themselves start together.
        List<Api> guessers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Api guesser = new Api((i % 2 == 0 ? a : b).base());
            guesser.fetchCsrf();
            guessers.add(guesser);
        }
        List<CompletableFuture<Integer>> guesses = new ArrayList<>();
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            for (Api guesser : guessers)
                guesses.add(
                        CompletableFuture.supplyAsync(
                                () -> guesser.post("/api/v1/auth/login/", wrong).status(), pool));
            List<Integer> statuses = guesses.stream().map(CompletableFuture::join).toList();
            long checked = statuses.stream().filter(s -> s == 401).count();
            assertTrue(checked <= 5, "password checks: " + checked + " of " + statuses);
            assertEquals(
                    20 - checked, statuses.stream().filter(s -> s == 429).count(), "" + statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idleSocketsArePingedOncePerInterval_spreadOverIt_notAllAtOnce() throws Exception {
        List<DashboardClient> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < PingSlices.SLICES; i++)
                sockets.add(DashboardClient.open(local.base(), BLOGS));
            long from = System.nanoTime();
            Thread.sleep(LOCAL_PING_SECONDS * 2500L);
            List<Long> all = new ArrayList<>();
            for (DashboardClient s : sockets) {
                List<Long> mine = s.pings.stream().filter(t -> t >= from).toList();
                assertTrue(
                        mine.size() >= 2 && mine.size() <= 4,
                        "an idle socket is pinged once per "
                                + LOCAL_PING_SECONDS
                                + " s: "
                                + mine.size()
                                + " pings in 5 s");
                all.addAll(mine);
            }
            // Pinged all at once, every socket would be pinged within a few milliseconds of the
            // others; spread over 25 slices, about one socket per 80 ms tick.
            Collections.sort(all);
            int mostIn100ms = 0;
            for (int i = 0, j = 0; i < all.size(); i++) {
                while (all.get(i) - all.get(j) > 100_000_000L) j++;
                mostIn100ms = Math.max(mostIn100ms, i - j + 1);
            }
            assertTrue(
                    mostIn100ms <= PingSlices.SLICES / 2,
                    mostIn100ms
                            + " of "
                            + sockets.size()
                            + " sockets were pinged within 100 ms of each other");
        } finally {
            sockets.forEach(DashboardClient::close);
        }
    }

    @Test
    void malformedRedisUrl_endsStartUp_withOneClearLine() throws Exception {
        int code = badRedis.awaitExit(Duration.ofMinutes(4));
        assertEquals(3, code);
        List<String> lines =
                badRedis.logText()
                        .lines()
                        .filter(l -> l.contains("Ansaf cannot start: setting REDIS_URL"))
                        .toList();
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(
                lines.get(0).contains("redis.url") && lines.get(0).contains("not a Redis URL"),
                lines.get(0));
    }
}
