package io.ansaf.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.TestAdmin;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The frontend against the real server: the committed OpenAPI document the TypeScript types are
 * generated from is the server's own, the WAR serves the dashboard and Swagger UI, the typed client
 * passes its live suite ({@code npm run test:live}), and the dashboard works end to end in headless
 * Chromium ({@code e2e/dashboard.e2e.mjs}, two staff users and an anonymous visitor). The node
 * steps are skipped only when node, the installed packages or Chromium are missing, or the build
 * ran with {@code -Dskip.frontend=true}.
 */
@ExtendWith(SharedServer.class)
class DashboardIT {
    private static final Path FRONTEND =
            Path.of(System.getProperty("ansaf.frontend.dir", "src/main/frontend"));
    private static final boolean SKIPPED = Boolean.getBoolean("ansaf.frontend.skip");
    private static final Path SCREENSHOT =
            Path.of(System.getProperty("ansaf.screenshot", "target/dashboard.png"));

    @Test
    void openapiDocument_equalsTheCommittedOneTheTypesAreGeneratedFrom(Api api) throws IOException {
        Api.Res live = api.get("/openapi", Map.of("Accept", "application/json"));
        assertEquals(200, live.status(), live.body());
        JsonObject served =
                withoutServers(Json.createReader(new StringReader(live.body())).readObject());
        JsonObject committed =
                withoutServers(
                        Json.createReader(
                                        new StringReader(
                                                Files.readString(
                                                        FRONTEND.resolve("openapi.json"),
                                                        StandardCharsets.UTF_8)))
                                .readObject());
        List<String> differences = new ArrayList<>();
        diff("", committed, served, differences);
        assertTrue(
                differences.isEmpty(),
                "src/main/frontend/openapi.json is stale; with a server running, run\n"
                        + "  (cd src/main/frontend && npm run gen:types -- http://localhost:8080/openapi)\nand commit. Differences:\n  "
                        + differences.stream().limit(20).collect(Collectors.joining("\n  ")));
    }

    @Test
    void war_servesDashboardAndSwaggerUi_staticFilesAreNotRedirected(Api api) {
        assumeFalse(SKIPPED, "built with -Dskip.frontend=true");
        Api.Res dashboard = api.get("/dashboard/");
        assertEquals(200, dashboard.status(), dashboard.body());
        assertTrue(dashboard.body().contains("<div id=\"root\">"), dashboard.body());
        assertEquals("DENY", dashboard.header("X-Frame-Options").orElse(null));

        Api.Res docs = api.get("/api/docs/");
        assertEquals(200, docs.status(), docs.body());
        assertTrue(docs.body().contains("swagger-ui-bundle.js"), docs.body());
        Api.Res init = api.get("/api/docs/swagger-initializer.js");
        assertEquals(200, init.status());
        assertTrue(init.body().contains("url: '/openapi'"), init.body());
        Api.Res css = api.get("/api/docs/swagger-ui.css");
        assertEquals(200, css.status(), "a static file under /api/docs/ is served, not redirected");
        assertTrue(css.contentType().startsWith("text/css"), css.contentType());

        Api.Res bare =
                api.get("/api/docs"); // the container redirects a directory without its slash
        assertTrue(bare.status() == 301 || bare.status() == 308, bare.toString());
        assertTrue(
                bare.header("Location").orElse("").endsWith("/api/docs/"),
                bare.header("Location").toString());
        assertEquals(404, api.get("/api/docsx/").status());
    }

    @Test
    void root_redirectsToTheDashboard_deepLinksAnswerItsIndex_filesStayFiles(Api api) {
        assumeFalse(SKIPPED, "built with -Dskip.frontend=true");
        Api.Res root = api.get("/");
        assertTrue(root.status() == 302 || root.status() == 303, root.toString());
        assertTrue(root.header("Location").orElse("").endsWith("/dashboard/"), root.toString());
        Api.Res favicon = api.get("/favicon.ico");
        assertEquals(200, favicon.status(), favicon.toString());
        for (String deep : List.of("/dashboard/posts", "/dashboard/posts/12", "/dashboard/trash")) {
            Api.Res view = api.get(deep);
            assertEquals(200, view.status(), deep + " " + view);
            assertTrue(view.body().contains("<div id=\"root\">"), deep);
            assertEquals("DENY", view.header("X-Frame-Options").orElse(null), deep);
        }
        assertEquals(404, api.get("/dashboard/assets/missing-file.js").status());
    }

    @Test
    void typedClient_passesItsLiveSuiteAgainstTheServer(Api api) throws Exception {
        assumeNodeProject();
        Run run =
                run(
                        List.of("npm", "run", "test:live"),
                        Map.of(
                                "ANSAF_BASE_URL",
                                base(api),
                                "ANSAF_ADMIN",
                                TestAdmin.USERNAME,
                                "ANSAF_ADMIN_PASSWORD",
                                TestAdmin.PASSWORD),
                        180);
        assertEquals(0, run.exit(), run.output());
    }

    @Test
    void dashboard_endToEnd_inHeadlessChromium(Api api) throws Exception {
        assumeNodeProject();
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        assumeTrue(
                new File(chromium).canExecute(),
                chromium + " missing (apt-get install -y chromium)");
        assumeTrue(
                Files.isDirectory(FRONTEND.resolve("node_modules/playwright-core")),
                "playwright-core not installed (npm ci)");
        Files.deleteIfExists(SCREENSHOT);
        Run run =
                run(
                        List.of(
                                "node",
                                "e2e/dashboard.e2e.mjs",
                                base(api),
                                SCREENSHOT.toAbsolutePath().toString()),
                        Map.of(
                                "ANSAF_ADMIN",
                                TestAdmin.USERNAME,
                                "ANSAF_ADMIN_PASSWORD",
                                TestAdmin.PASSWORD,
                                "ANSAF_DIST_DIR",
                                Path.of("target/frontend-dist").toAbsolutePath().toString()),
                        300);
        assertEquals(0, run.exit(), run.output());
        assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot written: " + SCREENSHOT);
    }

    // ---- helpers
    // ---------------------------------------------------------------------------------------

    private static String base(Api api) {
        String b = api.base().toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    private static void assumeNodeProject() {
        assumeFalse(SKIPPED, "built with -Dskip.frontend=true");
        assumeTrue(onPath("node") && onPath("npm"), "node/npm not on PATH");
        assumeTrue(
                Files.isDirectory(FRONTEND.resolve("node_modules")),
                "no node_modules in " + FRONTEND + " (npm ci)");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) return true;
        }
        return false;
    }

    private record Run(int exit, String output) {}

    private static Run run(List<String> command, Map<String, String> env, long timeoutSeconds)
            throws Exception {
        Path log = Files.createTempFile("dashboard-it", ".log");
        ProcessBuilder pb =
                new ProcessBuilder(command)
                        .directory(FRONTEND.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("NO_COLOR", "1");
        // The real-time sockets are part of this build: the live steps must run, never be skipped.
        pb.environment().put("E2E_REQUIRE_LIVE", "1");
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        System.out.println("---- " + String.join(" ", command) + "\n" + output);
        return new Run(
                done ? p.exitValue() : -1,
                (done ? "" : "TIMED OUT after " + timeoutSeconds + " s\n") + output);
    }

    private static JsonObject withoutServers(JsonObject doc) {
        return Json.createObjectBuilder(doc).remove("servers").build();
    }

    /**
     * Semantic comparison: objects by key, arrays as multisets (the server may list tags or
     * parameters in another order from one start to the next; the generated types do not change).
     */
    private static void diff(String at, JsonValue expected, JsonValue actual, List<String> out) {
        if (expected.getValueType() != actual.getValueType()) {
            out.add(at + ": committed " + expected + ", served " + actual);
        } else if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
            TreeSet<String> keys = new TreeSet<>(e.keySet());
            keys.addAll(a.keySet());
            for (String k : keys) {
                if (!a.containsKey(k)) out.add(at + "/" + k + ": only in the committed document");
                else if (!e.containsKey(k)) out.add(at + "/" + k + ": only in the served document");
                else diff(at + "/" + k, e.get(k), a.get(k), out);
            }
        } else if (expected.getValueType() == JsonValue.ValueType.ARRAY) {
            List<String> e = canonical(expected.asJsonArray());
            List<String> a = canonical(actual.asJsonArray());
            if (!e.equals(a)) out.add(at + ": committed " + expected + ", served " + actual);
        } else if (expected instanceof JsonNumber e && actual instanceof JsonNumber a) {
            // The committed file went through JavaScript, which writes 0.0 as 0.
            if (e.bigDecimalValue().compareTo(a.bigDecimalValue()) != 0)
                out.add(at + ": committed " + e + ", served " + a);
        } else if (!expected.equals(actual)) {
            out.add(at + ": committed " + expected + ", served " + actual);
        }
    }

    private static List<String> canonical(jakarta.json.JsonArray array) {
        return array.stream().map(DashboardIT::canonical).sorted().toList();
    }

    private static String canonical(JsonValue v) {
        if (v instanceof JsonObject o) {
            return o.keySet().stream()
                    .sorted()
                    .map(k -> Json.createValue(k) + ":" + canonical(o.get(k)))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (v.getValueType() == JsonValue.ValueType.ARRAY)
            return canonical(v.asJsonArray()).toString();
        if (v instanceof JsonNumber n)
            return n.bigDecimalValue().stripTrailingZeros().toPlainString();
        return v.toString();
    }
}
