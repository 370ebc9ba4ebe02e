package io.ansaf.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.Poll;
import io.ansaf.it.ServerProcess;
import io.ansaf.it.SetCookies;
import io.ansaf.it.TestAdmin;
import io.ansaf.it.TestDatabase;
import jakarta.json.Json;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The server's life as an operator sees it, each test with servers of its own: content and view
 * counts survive a graceful restart on the embedded database; a bad setting stops start-up with one
 * line naming it; readiness follows the database; migrations build the schema on both databases;
 * the secure-cookies setting marks the cookies of a server behind a TLS proxy.
 */
class LifecycleIT {

    static Map<String, String> env(Map<String, String> db) {
        Map<String, String> env = new HashMap<>(db);
        env.putAll(TestAdmin.env());
        env.put("ANSAF_VIEWS_FLUSH_MILLIS", "600000"); // only the shutdown flush can save the views
        return env;
    }

    @Test
    void h2Content_andPendingViewCounts_surviveAGracefulRestart() throws Exception {
        Path dataDir = ServerProcess.workDir().resolve("restart-" + UUID.randomUUID());
        Map<String, String> env = env(Map.of("ANSAF_DATA_DIR", dataDir.toString()));
        env.put("ANSAF_PUBLIC_URL", "https://blog.example.com/");
        long post;
        try (ServerProcess first = new ServerProcess("restart-1", env).start()) {
            Api admin = TestAdmin.login(first.base());
            linksUseThePublicUrl(admin);
            post =
                    admin.post(
                                    "/api/v1/blogs/posts/",
                                    Json.createObjectBuilder()
                                            .add("title", "Survivor")
                                            .add("status", "published")
                                            .build())
                            .id();
            for (int i = 0; i < 7; i++)
                assertEquals(
                        200,
                        new Api(first.base()).get("/api/v1/blogs/posts/" + post + "/").status());
        }
        try (ServerProcess second = new ServerProcess("restart-2", env).start()) {
            Api admin = TestAdmin.login(second.base());
            Api.Res p = admin.get("/api/v1/blogs/posts/" + post + "/");
            assertEquals(200, p.status());
            assertEquals("Survivor", p.json().getString("title"));
            assertEquals(
                    8,
                    p.json().getInt("view_count"),
                    "7 views flushed at shutdown, plus this read");
        }
        try (Connection c =
                        DriverManager.getConnection(
                                "jdbc:h2:file:" + dataDir.resolve("ansaf"), "sa", "");
                ResultSet rs =
                        c.createStatement()
                                .executeQuery(
                                        "SELECT count(*) FROM \"flyway_schema_history\" WHERE \"success\"")) {
            assertTrue(rs.next());
            assertTrue(rs.getInt(1) >= 1, "Flyway migrated H2");
        }
    }

    @Test
    void malformedDatabaseUrl_stopsStartUp_withOneLineNamingTheSetting() throws Exception {
        ServerProcess server =
                new ServerProcess("bad-db-url", Map.of("ANSAF_DB_URL", "jdbc:nosuchdb://x"))
                        .startExpectingExit();
        int exit = server.awaitExit(Duration.ofSeconds(180));
        assertTrue(exit != 0, "non-zero exit");
        String log = server.logText();
        assertTrue(log.contains("Ansaf cannot start: setting ANSAF_DB_URL"), log);
    }

    @Test
    void readiness_followsThePostgresDatabase_andMigrationsRanThere() throws Exception {
        Assumptions.assumeTrue(postgresReachable(), "PostgreSQL at " + TestDatabase.PG_HOST);
        try (TestDatabase db = TestDatabase.postgres();
                ServerProcess server = new ServerProcess("readiness", env(db.env())).start()) {
            try (Connection c = db.connect();
                    ResultSet rs =
                            c.createStatement()
                                    .executeQuery(
                                            "SELECT count(*) FROM flyway_schema_history WHERE success")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 1, "Flyway migrated PostgreSQL");
            }
            Api api = new Api(server.base());
            assertEquals(200, api.get("/health/ready").status());
            db.cutOff();
            try {
                Api.Res down = awaitStatus(api, 503);
                assertTrue(down.body().contains("\"DOWN\""), down.body());
                assertEquals(
                        200, api.get("/health/live").status(), "alive while the database is away");
            } finally {
                db.restore();
            }
            awaitStatus(api, 200);
            assertTrue(server.isAlive());
        }
    }

    @Test
    void secureCookiesSetting_marksTheSessionAndCsrfCookiesSecure_overPlainHttp() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Map<String, String> env = env(db.env());
            env.put("ANSAF_SECURE_COOKIES", "true");
            try (ServerProcess server = new ServerProcess("secure-cookies", env).start()) {
                SetCookies cookies =
                        SetCookies.ofLogin(server.base(), TestAdmin.USERNAME, TestAdmin.PASSWORD);
                for (String name : List.of("JSESSIONID", "csrftoken")) {
                    assertTrue(SetCookies.has(cookies.of(name), "Secure"), cookies.of(name));
                }
            }
        }
    }

    /** Links the API hands out follow ANSAF_PUBLIC_URL, not the address the request came to. */
    static void linksUseThePublicUrl(Api admin) {
        Api.Res created =
                admin.post(
                        "/api/v1/blogs/categories/",
                        Json.createObjectBuilder().add("name", "Linked").build());
        assertEquals(201, created.status(), created.body());
        assertEquals(
                "https://blog.example.com/api/v1/blogs/categories/" + created.id() + "/",
                created.header("Location").orElseThrow());
        admin.post(
                "/api/v1/blogs/categories/",
                Json.createObjectBuilder().add("name", "Linked too").build());
        Api.Res page = admin.get("/api/v1/blogs/categories/?page_size=1&search=linked");
        String next = page.json().getString("next");
        assertTrue(next.startsWith("https://blog.example.com/api/v1/blogs/categories/?"), next);
        assertEquals(
                java.util.Set.of("page_size=1", "search=linked", "page=2"),
                java.util.Set.of(next.substring(next.indexOf('?') + 1).split("&")),
                next);
    }

    static Api.Res awaitStatus(Api api, int status) throws InterruptedException {
        Api.Res last =
                Poll.until(
                        Duration.ofSeconds(30),
                        Duration.ofMillis(500),
                        () -> api.get("/health/ready"),
                        r -> r.status() == status);
        if (last.status() != status)
            throw new AssertionError("readiness never became " + status + ": " + last);
        return last;
    }

    static boolean postgresReachable() {
        String[] hostPort = TestDatabase.PG_HOST.split(":");
        try (Socket s = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
