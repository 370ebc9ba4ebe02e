package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies and queries an attacker sends: every one is a {@code 400}, {@code 404} or {@code 413}
 * problem, never a {@code 5xx} or an HTML page, and nothing is written.
 */
@ExtendWith(SharedServer.class)
class HostileInputIT {
    static final String POSTS = "/api/v1/blogs/posts/";

    static void assertProblem(int status, Api.Res r, String detailPart) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(
                r.contentType().startsWith("application/problem+json"),
                r.contentType() + ": " + r.body());
        assertTrue(r.json().getString("detail").contains(detailPart), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"x\"", "42", "null", "true", "[{\"title\":\"a\"}]"})
    void aBodyThatIsNoObject_is400SayingAnObjectWasExpected(String body, Api api) {
        Api staff = Users.staff(api);
        assertProblem(
                400,
                staff.send("POST", POSTS, body, Map.of("X-CSRFToken", staff.csrf())),
                "Expected a JSON object");
        Api anonymous = api.fresh();
        anonymous.fetchCsrf();
        assertProblem(
                400,
                anonymous.send(
                        "POST",
                        "/api/v1/auth/login/",
                        body,
                        Map.of("X-CSRFToken", anonymous.csrf())),
                "Expected a JSON object");
    }

    @Test
    void anEmptyBody_is400(Api api) {
        Api staff = Users.staff(api);
        Api.Res r =
                staff.send(
                        "POST",
                        POSTS,
                        "",
                        Map.of("X-CSRFToken", staff.csrf(), "Content-Type", "application/json"));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }

    @Test
    void dataAfterTheObject_is400_andCreatesNothing(Api api) {
        Api staff = Users.staff(api);
        String title = Users.unique("trailing");
        Api.Res r =
                staff.send(
                        "POST",
                        POSTS,
                        "{\"title\":\"" + title + "\"} {\"title\":\"b\"}",
                        Map.of("X-CSRFToken", staff.csrf()));
        assertProblem(400, r, "after the JSON object");
        assertEquals(
                0, staff.get(POSTS + "?search=" + title.replace(' ', '+')).json().getInt("count"));
    }

    @Test
    void nesting100000LevelsDeep_is400(Api api) {
        Api staff = Users.staff(api);
        String body = "{\"title\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertProblem(
                400,
                staff.send("POST", POSTS, body, Map.of("X-CSRFToken", staff.csrf())),
                "nested deeper than 64");
    }

    @Test
    void aChunkedBodyOverTheLimit_is413(Api api) throws Exception {
        Api staff = Users.staff(api);
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) ' ');
        HttpRequest request =
                HttpRequest.newBuilder(api.base().resolve(POSTS))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header("X-CSRFToken", staff.csrf())
                        .header("Cookie", "JSESSIONID=" + staff.cookie("JSESSIONID").orElseThrow())
                        .POST(
                                HttpRequest.BodyPublishers.ofInputStream(
                                        () ->
                                                new InputStream() {
                                                    int sent;
                                                    int pos;

                                                    @Override
                                                    public int read() {
                                                        if (sent >= 11) return -1;
                                                        byte b = chunk[pos++];
                                                        if (pos == chunk.length) {
                                                            pos = 0;
                                                            sent++;
                                                        }
                                                        return b;
                                                    }
                                                }))
                        .build();
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closedEarly) {
            return; // the server may close the connection once it has answered 413; nothing was
            // written
        }
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(
                r.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/problem+json"));
    }

    @Test
    void theLargestPageNumber_is404LikeAnyPagePastTheEnd(Api api) {
        Api.Res r = api.fresh().get(POSTS + "?page=2147483647");
        assertProblem(404, r, "Invalid page");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/pages/..%2F..%2Fetc%2Fpasswd/",
                "/ws/v1/nosuch/",
                "/api/v1/nosuch/",
                "/ansaf-error"
            })
    void oddTargets_answerAProblem_neverTheContainersHtmlPage(String path, Api api) {
        Api.Res r = api.fresh().get(path);
        assertTrue(r.status() >= 400 && r.status() < 500, path + ": " + r);
        assertTrue(
                r.contentType().startsWith("application/problem+json"),
                path + ": " + r.contentType() + " " + r.body());
        assertTrue(!r.body().contains("Payara") && !r.body().contains("<html"), r.body());
    }
}
