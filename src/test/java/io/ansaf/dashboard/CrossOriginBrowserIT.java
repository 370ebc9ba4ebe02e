package io.ansaf.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.TestAdmin;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A front end on another origin, in a real browser ({@code e2e/cross-origin.e2e.mjs}): a page
 * served from {@code http://127.0.0.1:<another port>} uses the typed client to log in and edit a
 * post with {@code If-Match} through CORS in headless Chromium. It needs only node, the frontend's
 * installed packages and Chromium (not the dashboard build), and is skipped when one is missing.
 */
@ExtendWith(SharedServer.class)
class CrossOriginBrowserIT {
    private static final Path FRONTEND =
            Path.of(System.getProperty("ansaf.frontend.dir", "src/main/frontend"));

    @Test
    void aPageOnAnotherOrigin_logsIn_andEditsAPostWithIfMatch_throughCors(Api api)
            throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        assumeTrue(
                new File(chromium).canExecute(),
                chromium + " missing (apt-get install -y chromium)");
        assumeTrue(
                Files.isDirectory(FRONTEND.resolve("node_modules/playwright-core"))
                        && Files.isDirectory(FRONTEND.resolve("node_modules/typescript")),
                "frontend packages not installed (npm ci)");
        String base = api.base().toString().replaceAll("/+$", "");
        Path log = Files.createTempFile("cross-origin", ".log");
        ProcessBuilder pb =
                new ProcessBuilder(
                                "node",
                                "e2e/cross-origin.e2e.mjs",
                                base,
                                Integer.toString(SharedServer.SECOND_ORIGIN_PORT))
                        .directory(FRONTEND.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        pb.environment().put("ANSAF_ADMIN", TestAdmin.USERNAME);
        pb.environment().put("ANSAF_ADMIN_PASSWORD", TestAdmin.PASSWORD);
        pb.environment().put("CHROMIUM_PATH", chromium);
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException noNode) {
            assumeTrue(false, "node not on PATH: " + noNode.getMessage());
            return;
        }
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly().waitFor();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        System.out.println("---- cross-origin.e2e.mjs\n" + output);
        assertEquals(0, done ? p.exitValue() : -1, output);
    }
}
