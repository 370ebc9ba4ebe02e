package io.ansaf.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.ServerProcess;
import io.ansaf.it.TestAdmin;
import io.ansaf.it.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What an acknowledged write is worth when the server dies, on the embedded H2 default and on
 * PostgreSQL. In each round 8 writers create a post each and keep patching it with {@code
 * If-Match}, recording every version the server acknowledged; the server is killed with SIGKILL at
 * a moment drawn from a seed and started again on the same data, and that server serves the next
 * round. Every post must be at its last acknowledged version, or one further when the write whose
 * response never arrived was applied, and then applied whole: version, {@code updated_at} and every
 * patched field agree. The last server is stopped gracefully (SIGTERM) with view counts still
 * buffered, and they must all be in the database.
 *
 * <p>Each database test handles its database itself, so {@code .ci/run} leaves this class out of
 * its PostgreSQL pass.
 */
class CrashDurabilityIT {
    static final int WRITERS = 8;
    static final int ROUNDS = 3;
    static final int VIEWS = 7;

    @Test
    void h2_keepsEveryAcknowledgedWrite_acrossKill9_andEveryViewAcrossAGracefulStop()
            throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            experiment("h2", db);
        }
    }

    @Test
    void postgres_keepsEveryAcknowledgedWrite_acrossKill9_andEveryViewAcrossAGracefulStop()
            throws Exception {
        Assumptions.assumeTrue(
                LifecycleIT.postgresReachable(), "PostgreSQL at " + TestDatabase.PG_HOST);
        try (TestDatabase db = TestDatabase.postgres()) {
            experiment("postgres", db);
        }
    }

    private void experiment(String kind, TestDatabase db) throws Exception {
        long seed = Long.getLong("ansaf.it.crashSeed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, String> env = new LinkedHashMap<>(db.env());
        env.putAll(TestAdmin.env());
        env.put("ANSAF_VIEWS_FLUSH_MILLIS", "600000"); // only the shutdown flush can save the views

        Map<Long, Written> expected =
                new LinkedHashMap<>(); // every post of every round, as last verified
        List<String> problems = new ArrayList<>();
        List<String> report = new ArrayList<>();
        int acknowledged = 0;
        int lost = 0;
        ServerProcess server = new ServerProcess("crash-" + kind + "-0", env).start();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                List<Writer> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++)
                    writers.add(new Writer(TestAdmin.login(server.base()), round, w));
                writers.forEach(Writer::start);
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (writers.stream().anyMatch(w -> w.ackCount() < 3)) {
                    assertTrue(System.nanoTime() < deadline, "writers never got going: " + writers);
                    assertTrue(
                            writers.stream().allMatch(w -> w.failure == null),
                            "a write failed before the kill: " + writers);
                    Thread.sleep(50);
                }
                long delay = 500 + random.nextInt(4500);
                Thread.sleep(delay);
                int exit = server.kill();
                assertEquals(137, exit, "the JVM ended by SIGKILL");
                for (Writer w : writers) w.join(70_000);
                for (Writer w : writers) {
                    assertTrue(!w.isAlive(), w + " still writing after the kill");
                    if (w.failure != null)
                        problems.add(kind + " round " + round + ": " + w + " got " + w.failure);
                }

                server = new ServerProcess("crash-" + kind + "-" + round, env).start();
                Api admin = TestAdmin.login(server.base());
                int roundAcks = 0;
                int roundLost = 0;
                int inFlightApplied = 0;
                int inFlightAbsent = 0;
                for (Writer w : writers) {
                    Written last = w.acks.get(w.acks.size() - 1);
                    Written now = read(admin, w.post);
                    roundAcks += w.acks.size();
                    String who =
                            kind
                                    + " round "
                                    + round
                                    + " post "
                                    + w.post
                                    + " (writer "
                                    + w.index
                                    + ")";
                    if (now.version < last.version) {
                        roundLost += last.version - now.version;
                        problems.add(
                                who
                                        + ": acknowledged v"
                                        + last.version
                                        + ", found v"
                                        + now.version);
                    } else if (now.version == last.version) {
                        if (!now.equals(last))
                            problems.add(who + ": acknowledged " + last + ", found " + now);
                        if (w.inFlight != null) inFlightAbsent++;
                    } else if (now.version == last.version + 1 && w.inFlight != null) {
                        Written sent = w.inFlight;
                        if (!now.sameFields(sent) || now.updatedAt.isBefore(last.updatedAt)) {
                            problems.add(
                                    who
                                            + ": the unanswered write "
                                            + sent
                                            + " is partly there: "
                                            + now
                                            + " after "
                                            + last);
                        }
                        inFlightApplied++;
                    } else {
                        problems.add(
                                who
                                        + ": acknowledged v"
                                        + last.version
                                        + " and nothing more was sent, found "
                                        + now);
                    }
                    expected.put(w.post, now);
                }
                for (Map.Entry<Long, Written> e : expected.entrySet()) {
                    Written now = read(admin, e.getKey());
                    if (!now.equals(e.getValue()))
                        problems.add(
                                kind
                                        + " after round "
                                        + round
                                        + ": post "
                                        + e.getKey()
                                        + " was "
                                        + e.getValue()
                                        + ", now "
                                        + now);
                }
                acknowledged += roundAcks;
                lost += roundLost;
                report.add(
                        String.format(
                                "%s round %d: killed %d ms after every writer had 3 acks; %d versions acknowledged,"
                                        + " %d lost; unanswered writes applied whole %d, absent %d",
                                kind,
                                round,
                                delay,
                                roundAcks,
                                roundLost,
                                inFlightApplied,
                                inFlightAbsent));
            }

            long viewed = viewedOnGracefulStop(server);
            try (Connection c = db.connect();
                    PreparedStatement s =
                            c.prepareStatement("SELECT view_count FROM posts WHERE id = ?")) {
                s.setLong(1, viewed);
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(
                            VIEWS,
                            rs.getLong(1),
                            kind
                                    + ": views counted before a graceful stop are all in the database");
                }
            }
            report.add(
                    kind
                            + ": "
                            + VIEWS
                            + " views buffered at SIGTERM, "
                            + VIEWS
                            + " in the database after it");
        } finally {
            server.close();
            System.out.println(
                    String.join(System.lineSeparator(), report)
                            + System.lineSeparator()
                            + kind
                            + " seed "
                            + seed
                            + " (-Dansaf.it.crashSeed to repeat)");
        }
        assertTrue(
                problems.isEmpty(),
                acknowledged
                        + " versions acknowledged, "
                        + lost
                        + " lost, seed "
                        + seed
                        + ":\n"
                        + String.join("\n", problems));
    }

    /**
     * Views a fresh post (buffered: the flush interval is long), then stops the server with
     * SIGTERM.
     */
    private static long viewedOnGracefulStop(ServerProcess server) {
        Api admin = TestAdmin.login(server.base());
        Api.Res created =
                admin.post(
                        "/api/v1/blogs/posts/",
                        Json.createObjectBuilder()
                                .add("title", "Viewed before the stop")
                                .add("status", "published")
                                .build());
        assertEquals(201, created.status(), created.body());
        Api anonymous = new Api(server.base());
        for (int i = 0; i < VIEWS; i++) {
            assertEquals(200, anonymous.get("/api/v1/blogs/posts/" + created.id() + "/").status());
        }
        server.close();
        assertTrue(!server.isAlive(), "stopped");
        return created.id();
    }

    private static Written read(Api admin, long post) {
        Api.Res r = admin.get("/api/v1/blogs/posts/" + post + "/");
        assertEquals(200, r.status(), "post " + post + " after the restart: " + r.body());
        return Written.of(r.json());
    }

    /** A post's state: its version, updated_at and the fields the writers change. */
    record Written(int version, Instant updatedAt, String title, String excerpt, String body) {
        static Written of(JsonObject post) {
            return new Written(
                    post.getInt("version"),
                    Instant.parse(post.getString("updated_at")),
                    post.getString("title"),
                    post.getString("excerpt"),
                    post.getString("body"));
        }

        static Written sent(int version, String title, String excerpt, String body) {
            return new Written(version, null, title, excerpt, body);
        }

        boolean sameFields(Written other) {
            return version == other.version
                    && title.equals(other.title)
                    && excerpt.equals(other.excerpt)
                    && body.equals(other.body);
        }

        JsonObject patch() {
            return Json.createObjectBuilder()
                    .add("title", title)
                    .add("excerpt", excerpt)
                    .add("body", body)
                    .build();
        }
    }

    /**
     * One client: creates its post, then patches it with the ETag of the last answer until a
     * request fails (the server is gone). {@code acks} holds every acknowledged state; {@code
     * inFlight} what the one request without an answer sent, if any.
     */
    static final class Writer extends Thread {
        final Api api;
        final int round;
        final int index;
        final List<Written> acks = new ArrayList<>();
        volatile int ackCount;
        volatile Written inFlight;
        volatile String failure;
        volatile long post;

        Writer(Api api, int round, int index) {
            super("crash-writer-" + round + "-" + index);
            this.api = api;
            this.round = round;
            this.index = index;
        }

        int ackCount() {
            return ackCount;
        }

        @Override
        public void run() {
            try {
                write();
            } catch (RuntimeException e) {
                failure = e.toString();
            }
        }

        private void write() {
            Api.Res created =
                    api.post(
                            "/api/v1/blogs/posts/",
                            Json.createObjectBuilder()
                                    .add("title", text(0))
                                    .add("excerpt", "excerpt " + text(0))
                                    .add("body", "<p>" + text(0) + "</p>")
                                    .add("status", "published")
                                    .build());
            if (created.status() != 201) {
                failure = created.toString();
                return;
            }
            post = created.id();
            acknowledge(Written.of(created.json()));
            String etag = created.header("ETag").orElseThrow();
            for (int n = 1; ; n++) {
                Written sent =
                        Written.sent(
                                acks.get(acks.size() - 1).version + 1,
                                text(n),
                                "excerpt " + text(n),
                                "<p>" + text(n) + "</p>");
                inFlight = sent;
                Api.Res r;
                try {
                    r =
                            api.patch(
                                    "/api/v1/blogs/posts/" + post + "/",
                                    sent.patch(),
                                    Map.of("If-Match", etag));
                } catch (IllegalStateException serverGone) {
                    return; // no answer: inFlight may or may not have been applied
                }
                inFlight = null;
                if (r.status() != 200) {
                    failure = r.toString();
                    return;
                }
                Written ack = Written.of(r.json());
                if (!ack.sameFields(sent)) {
                    failure = "sent " + sent + ", acknowledged " + ack;
                    return;
                }
                acknowledge(ack);
                etag = r.header("ETag").orElseThrow();
            }
        }

        private void acknowledge(Written w) {
            acks.add(w);
            ackCount = acks.size();
        }

        private String text(int n) {
            return "round " + round + " writer " + index + " write " + n;
        }

        @Override
        public String toString() {
            return "writer "
                    + index
                    + " (post "
                    + post
                    + ", "
                    + ackCount
                    + " acks"
                    + (failure == null ? "" : ", failed: " + failure)
                    + ")";
        }
    }
}
