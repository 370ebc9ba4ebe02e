package io.ansaf.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.ServerProcess;
import io.ansaf.it.TestAdmin;
import io.ansaf.it.TestDatabase;
import java.net.Socket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Start-up as a first rollout meets it: several instances started at the same moment on a new
 * PostgreSQL database all deploy (migrations, the admin user), and a deployment that fails for a
 * reason that is no setting ends the process with one line instead of leaving a server that answers
 * {@code 404} everywhere.
 */
class StartupIT {
    static final int ROUNDS = 3;
    static final int INSTANCES = 3;

    @BeforeAll
    static void needsPostgres() {
        String[] hostPort = TestDatabase.PG_HOST.split(":");
        try (Socket s = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            // reachable
        } catch (Exception e) {
            Assumptions.abort("PostgreSQL at " + TestDatabase.PG_HOST + ": " + e);
        }
    }

    @Test
    void threeInstancesStartedTogether_onAFreshDatabase_allServe_andTheAdminLogsInOnEach() {
        for (int round = 1; round <= ROUNDS; round++) {
            List<ServerProcess> servers = new ArrayList<>();
            try (TestDatabase db = TestDatabase.postgres()) {
                Map<String, String> env = LifecycleIT.env(db.env());
                for (int i = 1; i <= INSTANCES; i++) {
                    servers.add(
                            new ServerProcess("together-" + round + "-" + i, env)
                                    .startExpectingExit());
                }
                for (ServerProcess server : servers) server.awaitStarted();
                for (ServerProcess server : servers) {
                    String where = "round " + round + ", " + server.log().getFileName();
                    Api admin = TestAdmin.login(server.base());
                    Api.Res me = admin.get("/api/v1/auth/me/");
                    assertEquals(200, me.status(), where + ": " + me);
                    assertEquals("admin", me.json().getString("username"), where);
                    assertEquals(200, admin.get("/api/v1/blogs/posts/").status(), where);
                }
            } finally {
                servers.forEach(ServerProcess::close);
            }
        }
    }

    @Test
    void deploymentFailing_onAMigrationHistoryThisBuildDoesNotMatch_endsTheProcessWithOneLine()
            throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            // Version 1 recorded with another checksum: the database was migrated by a build whose
            // V1 differs.
            try (Connection c = db.connect();
                    Statement s = c.createStatement()) {
                s.execute(
                        "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50),"
                                + " description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL,"
                                + " checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(),"
                                + " execution_time INT NOT NULL, success BOOLEAN NOT NULL)");
                s.execute(
                        "INSERT INTO flyway_schema_history VALUES (1, '1', 'content schema', 'SQL', 'V1__content_schema.sql',"
                                + " 12345, 'postgres', now(), 1, TRUE)");
            }
            ServerProcess server =
                    new ServerProcess("failed-deployment", LifecycleIT.env(db.env()))
                            .startExpectingExit();
            try {
                // The container's first report of the failure: what DeploymentWatch reacts to. Its
                // later "Exception while loading the app" may never be written: the process is
                // gone.
                long failedAt =
                        awaitLogLine(
                                server,
                                "Exception during lifecycle processing",
                                Duration.ofSeconds(300));
                int exit = server.awaitExit(Duration.ofSeconds(30));
                long secondsToExit = (System.nanoTime() - failedAt) / 1_000_000_000L;
                assertTrue(exit != 0, "non-zero exit, was " + exit);
                assertTrue(secondsToExit <= 10, "exited " + secondsToExit + " s after the failure");
                List<String> lines =
                        server.logText()
                                .lines()
                                .filter(l -> l.contains("Ansaf cannot start"))
                                .toList();
                assertEquals(1, lines.size(), lines.toString());
                assertTrue(
                        lines.get(0).contains("deployment failed")
                                && lines.get(0)
                                        .contains("checksum mismatch for migration version 1"),
                        lines.get(0));
            } finally {
                server.close();
            }
        }
    }

    /**
     * Polls the log until it has {@code text} (or the process ended); returns System.nanoTime()
     * when seen.
     */
    private static long awaitLogLine(ServerProcess server, String text, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean alive = server.isAlive();
            if (server.logText().contains(text)) return System.nanoTime();
            if (!alive)
                throw new AssertionError(
                        "ended without '" + text + "' in its log; see " + server.log());
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' within " + timeout + "; see " + server.log());
    }
}
