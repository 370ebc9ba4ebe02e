package io.ansaf.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.ServerProcess;
import io.ansaf.it.SharedServer;
import io.ansaf.it.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The platform as a client meets it: health, OpenAPI, HTTP rules and error format. */
@ExtendWith(SharedServer.class)
class PlatformIT {

    @Test
    void ready_reportsDatabaseUp_andLiveIsUp(Api api, TestDatabase db) {
        Api.Res ready = api.get("/health/ready");
        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("\"database\""), ready.body());
        assertTrue(ready.body().contains(db.postgresKind() ? "PostgreSQL" : "H2"), ready.body());
        assertEquals(200, api.get("/health/live").status());
    }

    @Test
    void hibernate_isThePersistenceProvider(Api api, ServerProcess server) {
        Api.Res ready = api.get("/health/ready");
        assertTrue(ready.body().contains("org.hibernate"), ready.body());
        assertTrue(server.logText().contains("Hibernate ORM core version"), "Hibernate booted");
        assertFalse(server.logText().contains("EclipseLink"), "EclipseLink must not run");
    }

    @Test
    void openapi_isServedWithOurTitle(Api api) {
        Api.Res doc = api.get("/openapi");
        assertEquals(200, doc.status());
        assertTrue(doc.body().contains("title: Ansaf API"), doc.body());
        assertTrue(
                doc.body().contains("/api/v1/auth/login/")
                        || doc.body().contains("/api/v1/auth/login"),
                doc.body());
    }

    @Test
    void responses_carrySecurityHeaders(Api api) {
        Api.Res r = api.get("/api/v1/auth/csrf/");
        assertEquals("nosniff", r.header("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", r.header("X-Frame-Options").orElse(null));
        assertTrue(r.header("Referrer-Policy").isPresent());
        assertEquals(
                "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
                r.header("Content-Security-Policy").orElse(null),
                "JSON is not a page: it may load nothing");
    }

    @Test
    void metrics_areServedOnTheirOwnListenerOnly_notOnThePublicPort(Api api) throws Exception {
        Api.Res open = api.get("/metrics");
        assertEquals(404, open.status(), open.toString());
        assertTrue(open.contentType().startsWith("application/problem+json"), open.toString());
        assertFalse(open.body().contains("ansaf_"), open.body());
        assertTrue(io.ansaf.it.Gauges.text(api).contains("ansaf_sql_statements"));

        java.net.URI metrics = ServerProcess.metricsBase(api.base());
        var http = java.net.http.HttpClient.newHttpClient();
        var apiOnMetricsPort =
                http.send(
                        java.net.http.HttpRequest.newBuilder(
                                        metrics.resolve("/api/v1/blogs/posts/"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, apiOnMetricsPort.statusCode(), apiOnMetricsPort.body());
        assertFalse(apiOnMetricsPort.body().contains("results"), apiOnMetricsPort.body());
    }

    @Test
    void pages_haveAContentSecurityPolicy_withoutInlineScripts_andNoFraming(Api api) {
        // Built with or without the front end, the policy is the server's: judged on any answer.
        for (String path : List.of("/dashboard/", "/dashboard/posts/12", "/api/docs/")) {
            Api.Res r = api.get(path);
            String csp =
                    r.header("Content-Security-Policy").orElseThrow(() -> new AssertionError(path));
            String scripts =
                    java.util.Arrays.stream(csp.split(";"))
                            .map(String::strip)
                            .filter(d -> d.startsWith("script-src "))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(path + ": " + csp));
            assertEquals("script-src 'self'", scripts, path);
            assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertFalse(csp.contains("unsafe-eval"), path + ": " + csp);
            assertEquals("same-origin", r.header("Referrer-Policy").orElse(null), path);
        }
    }

    @Test
    void pathWithoutTrailingSlash_isRedirectedWith308(Api api) {
        Api.Res r = api.get("/api/v1/auth/csrf?x=1");
        assertEquals(308, r.status());
        assertEquals("/api/v1/auth/csrf/?x=1", r.header("Location").orElse(null));
    }

    @Test
    void unknownApiPath_isProblemJson404(Api api) {
        for (String path :
                new String[] {"/api/v1/nope/", "/api/v2/posts/", "/api/v1/blogs/posts/abc/def/"}) {
            Api.Res r = api.get(path);
            assertEquals(404, r.status(), path);
            assertTrue(
                    r.contentType().startsWith("application/problem+json"),
                    path + " " + r.contentType());
            assertEquals(404, r.json().getInt("status"));
        }
    }

    @Test
    void malformedJson_is400ProblemJson(Api api) {
        api.fetchCsrf();
        Api.Res r =
                api.send(
                        "POST",
                        "/api/v1/auth/login/",
                        "{\"username\": ",
                        Map.of("X-CSRFToken", api.csrf()));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        assertFalse(r.body().contains("Exception"), r.body());
    }

    @Test
    void nonJsonBody_is415(Api api) {
        api.fetchCsrf();
        Api.Res r =
                api.send(
                        "POST",
                        "/api/v1/auth/login/",
                        "username=a",
                        Map.of(
                                "X-CSRFToken",
                                api.csrf(),
                                "Content-Type",
                                "application/x-www-form-urlencoded"));
        assertEquals(415, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"));
    }

    @Test
    void bodyOverTheLimit_is413_withoutReadingIt(Api api) throws Exception {
        String token = api.fetchCsrf();
        String cookie = api.cookie("csrftoken").orElseThrow();
        // A raw socket: the server answers after the headers, while the client is still sending.
        try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST /api/v1/auth/login/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                    + "Cookie: csrftoken="
                                    + cookie
                                    + "\r\nX-CSRFToken: "
                                    + token
                                    + "\r\n"
                                    + "Content-Length: "
                                    + (10 * 1024 * 1024 + 1)
                                    + "\r\n\r\n{\"username\":\"")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertTrue(status.startsWith("HTTP/1.1 413"), status);
            String line;
            boolean problem = false;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                problem |= line.toLowerCase().startsWith("content-type: application/problem+json");
            }
            assertTrue(problem, "problem+json");
        }
    }
}
