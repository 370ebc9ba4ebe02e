package io.ansaf.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.RedisForTests;
import io.ansaf.it.ServerProcess;
import io.ansaf.it.TestAdmin;
import io.ansaf.it.TestDatabase;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several instances without sticky sessions (issue 16): three Payara Micro instances clustered over
 * TCP/IP on loopback (ANSAF_CLUSTER), one PostgreSQL database, one Redis, and Debian's nginx in
 * front with plain round robin. NOT on the shared server: it boots its own, and kills one with
 * SIGKILL in the middle of the writes.
 */
class ClusterIT {
    static final String POSTS = "/api/v1/blogs/posts/";
    static final String BLOGS = "/ws/v1/blogs/";
    static final int POST_COUNT = 30;
    static final int WRITES = 300;

    static int redisPort;
    static TestDatabase db;
    static final List<ServerProcess> servers = new ArrayList<>();
    static Process nginx;
    static URI front;

    @BeforeAll
    static void boot() throws Exception {
        redisPort = ServerProcess.freePort();
        String redis = RedisForTests.startOwn(redisPort);
        assertNotNull(redis, "redis-server must be on PATH");
        db = TestDatabase.postgres();
        int[] grid = {ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort()};
        String members =
                java.util.Arrays.stream(grid)
                        .mapToObj(p -> "127.0.0.1:" + p)
                        .collect(Collectors.joining(","));
        for (int i = 0; i < 3; i++) {
            Map<String, String> env = new HashMap<>(db.env());
            env.put("REDIS_URL", redis);
            env.put("ANSAF_CLUSTER", "true");
            env.put("ANSAF_CLUSTER_NAME", "cluster-it-" + redisPort);
            env.put("ANSAF_CLUSTER_PASSWORD", "cluster-it-secret");
            env.put("ANSAF_CLUSTER_MEMBERS", members);
            env.put("ANSAF_CLUSTER_PORT", Integer.toString(grid[i]));
            env.put("ANSAF_CLUSTER_INTERFACES", "127.0.0.1");
            env.put("ANSAF_CLUSTER_HOST_AWARE", "false");
            env.put("JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC");
            if (i == 0) env.putAll(TestAdmin.env());
            servers.add(new ServerProcess("cluster-" + (char) ('a' + i), env));
        }
        // The first creates the schema and the admin user; the two others join it.
        servers.get(0).start();
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(servers.get(1)::start),
                        CompletableFuture.runAsync(servers.get(2)::start))
                .join();
        front = startNginx();
    }

    /** nginx in front of the three: round robin, no affinity of any kind. */
    static URI startNginx() throws Exception {
        Path dir = ServerProcess.workDir().resolve("cluster-nginx").toAbsolutePath();
        Files.createDirectories(dir.resolve("logs"));
        int port = ServerProcess.freePort();
        String upstreams =
                servers.stream()
                        .map(
                                s ->
                                        "    server 127.0.0.1:"
                                                + s.port()
                                                + " max_fails=1 fail_timeout=2s;")
                        .collect(Collectors.joining("\n"));
        String tmp = dir.resolve("tmp").toString();
        Files.createDirectories(Path.of(tmp));
        dir.resolve("tmp").toFile().setWritable(true, false);
        Files.writeString(
                dir.resolve("nginx.conf"),
                """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log %1$s/logs/access.log;
                  client_body_temp_path %2$s/body;
                  proxy_temp_path %2$s/proxy;
                  fastcgi_temp_path %2$s/fastcgi;
                  uwsgi_temp_path %2$s/uwsgi;
                  scgi_temp_path %2$s/scgi;
                  upstream ansaf {
                %3$s
                    keepalive 16;
                  }
                  # Only a WebSocket upgrade goes on: the Java client's h2c upgrade must not reach
                  # the instances over nginx's HTTP/1.1 connections.
                  map $http_upgrade $upgrade_to { ~*websocket websocket; default ''; }
                  map $http_upgrade $connection_upgrade { ~*websocket upgrade; default ''; }
                  server {
                    listen 127.0.0.1:%4$d;
                    proxy_http_version 1.1;
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header Upgrade $upgrade_to;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_read_timeout 1h;
                    # A refused connection (the killed instance) goes to the next instance; so
                    # does a 404 or 503 of one still deploying after its restart.
                    proxy_next_upstream error timeout http_404 http_502 http_503 non_idempotent;
                    location / { proxy_pass http://ansaf; }
                  }
                }
                """
                        .formatted(dir, tmp, upstreams, port));
        nginx =
                new ProcessBuilder(
                                "nginx",
                                "-p",
                                dir.toString(),
                                "-c",
                                dir.resolve("nginx.conf").toString(),
                                "-g",
                                "daemon off;")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("logs/stdout.log").toFile())
                        .start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(base.resolve("/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) return base;
            } catch (IOException notYet) {
                // nginx not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nginx did not start; see " + dir.resolve("logs"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        for (ServerProcess s : servers) s.close();
        RedisForTests.stopOwn(redisPort);
        if (db != null) db.close();
    }

    static Predicate<JsonObject> ours(Set<String> ids) {
        return m ->
                "post".equals(m.getString("model", null)) && ids.contains(m.getString("id", ""));
    }

    static long seq(String eventId) {
        return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1));
    }

    /** The status of {@code GET /api/v1/auth/me/} on one instance with only this session cookie. */
    static int meWith(ServerProcess s, String sessionId) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(s.base().resolve("/api/v1/auth/me/"))
                                .header("Cookie", "JSESSIONID=" + sessionId)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void writesSpreadOverInstances_surviveAKill_withoutLosingSessionOrEvents() throws Exception {
        Api api = new Api(front).login(TestAdmin.USERNAME, TestAdmin.PASSWORD);
        String session = api.cookie("JSESSIONID").orElseThrow();
        ServerProcess victim = servers.get(2);
        // Each socket on its own instance, with the session made through nginx.
        List<DashboardClient> sockets = new ArrayList<>();
        for (ServerProcess s : servers) {
            sockets.add(DashboardClient.open(withSession(s, api), BLOGS));
        }

        Map<Long, Integer> version = new LinkedHashMap<>(); // the last 2xx version of each post
        Map<Integer, Integer> statuses = new TreeMap<>();
        CompletableFuture<?> restart = null;
        for (int i = 0; i < WRITES; i++) {
            if (i == 100) assertEquals(137, victim.kill());
            if (i == 150) restart = CompletableFuture.runAsync(victim::start);
            Api.Res r;
            if (i < POST_COUNT) {
                r =
                        api.post(
                                POSTS,
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("Cluster"))
                                        .add("status", "published")
                                        .build());
                if (r.status() == 201) version.put(r.id(), r.json().getInt("version"));
            } else {
                List<Long> ids = new ArrayList<>(version.keySet());
                long id = ids.get(i % ids.size());
                r =
                        api.patch(
                                POSTS + id + "/",
                                Json.createObjectBuilder().add("excerpt", "write " + i).build());
                if (r.status() == 200) version.put(id, r.json().getInt("version"));
            }
            statuses.merge(r.status(), 1, Integer::sum);
            assertTrue(
                    r.status() != 401 && r.status() != 403,
                    "write " + i + " lost the session: " + r);
        }
        assertNotNull(restart, "the killed instance was restarted");
        restart.get(300, TimeUnit.SECONDS);
        long twoxx =
                statuses.entrySet().stream()
                        .filter(e -> e.getKey() / 100 == 2)
                        .mapToLong(Map.Entry::getValue)
                        .sum();
        assertTrue(twoxx >= WRITES - 10, "most writes succeed: " + statuses);

        // Every write answered 2xx is there with its final version, read through nginx.
        long committed = 0;
        for (Map.Entry<Long, Integer> e : version.entrySet()) {
            Api.Res r = api.get(POSTS + e.getKey() + "/");
            assertEquals(200, r.status(), r.body());
            int stored = r.json().getInt("version");
            assertTrue(stored >= e.getValue(), "post " + e.getKey() + ": " + r.body());
            committed += stored; // a create is version 1, each update one more
        }
        assertEquals(
                twoxx,
                committed,
                "a write answered otherwise than 2xx committed nothing: " + statuses);

        // The sockets on the survivors got every committed change exactly once.
        Set<String> ids =
                version.keySet().stream().map(String::valueOf).collect(Collectors.toSet());
        List<List<String>> seen = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            List<String> events = new ArrayList<>();
            DashboardClient socket = sockets.get(s);
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    events.size() < committed && System.nanoTime() < deadline; ) {
                socket.all(ours(ids), Duration.ofMillis(500))
                        .forEach(m -> events.add(m.getString("event_id")));
            }
            assertEquals(committed, events.size(), "socket " + s + " got each change once");
            assertEquals(committed, Set.copyOf(events).size(), "no duplicate on socket " + s);
            seen.add(events);
        }
        assertEquals(seen.get(0), seen.get(1), "both in the same order");

        // The socket on the killed instance reconnects there with ?since= and gets what it missed.
        List<String> before =
                sockets.get(2).all(ours(ids), Duration.ofMillis(500)).stream()
                        .map(m -> m.getString("event_id"))
                        .toList();
        assertTrue(
                !before.isEmpty() && before.size() < committed, "cut off midway: " + before.size());
        String last = before.get(before.size() - 1);
        List<String> missed = seen.get(0).stream().filter(e -> seq(e) > seq(last)).toList();
        try (DashboardClient again =
                DashboardClient.open(withSession(victim, api), BLOGS + "?since=" + last)) {
            List<String> replay = new ArrayList<>();
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    replay.size() < missed.size() && System.nanoTime() < deadline; ) {
                again.all(ours(ids), Duration.ofMillis(500))
                        .forEach(m -> replay.add(m.getString("event_id")));
            }
            assertEquals(missed, replay, "exactly what it missed, in order");
        }
        for (DashboardClient s : sockets) s.close();

        // The session works on every instance, the restarted one too; logout ends it on all.
        for (ServerProcess s : servers) assertEquals(200, meWith(s, session), s.base().toString());
        assertEquals(
                204, api.post("/api/v1/auth/logout/", Json.createObjectBuilder().build()).status());
        for (ServerProcess s : servers)
            assertEquals(
                    401,
                    io.ansaf.it.Poll.until(
                            Duration.ofSeconds(5), () -> unchecked(s, session), st -> st == 401),
                    s.base().toString());
    }

    private static int unchecked(ServerProcess s, String session) {
        try {
            return meWith(s, session);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client of one instance that carries the session cookie made through nginx. */
    static Api withSession(ServerProcess s, Api through) {
        Api direct = new Api(s.base());
        direct.adoptSession(through.cookie("JSESSIONID").orElseThrow());
        return direct;
    }
}
