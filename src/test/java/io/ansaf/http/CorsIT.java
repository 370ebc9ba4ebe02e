package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A front end on another origin (CONTRACT.md): the shared server trusts {@code
 * http://allowed.example} (through {@code ANSAF_ALLOWED_ORIGINS}, the older name of {@code
 * ANSAF_CORS_ORIGINS}). Its pages may call the API with credentials; other origins get no CORS
 * header and may not write, even with a valid CSRF token; and {@code OPTIONS} never answers a WADL
 * document.
 */
@ExtendWith(SharedServer.class)
class CorsIT {
    static final String ALLOWED = "http://allowed.example";
    static final String EVIL = "https://evil.example.net";
    static final String POSTS = "/api/v1/blogs/posts/";

    static Api.Res preflight(Api api, String path, String origin, String method) {
        return api.send(
                "OPTIONS",
                path,
                null,
                Map.of(
                        "Origin",
                        origin,
                        "Access-Control-Request-Method",
                        method,
                        "Access-Control-Request-Headers",
                        "content-type,x-csrftoken,if-match"));
    }

    static List<String> values(Api.Res r, String header) {
        return r.headers().allValues(header).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim)
                .toList();
    }

    @Test
    void preflight_fromATrustedOrigin_answers204_withCredentialsMethodsAndHeaders(Api api) {
        Api.Res r = preflight(api, POSTS + "1/", ALLOWED, "PATCH");
        assertEquals(204, r.status(), r.toString());
        assertEquals(ALLOWED, r.header("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", r.header("Access-Control-Allow-Credentials").orElse(null));
        assertTrue(
                values(r, "Access-Control-Allow-Methods").contains("PATCH"),
                r.headers().toString());
        List<String> headers =
                values(r, "Access-Control-Allow-Headers").stream()
                        .map(String::toLowerCase)
                        .toList();
        assertTrue(
                headers.containsAll(
                        List.of(
                                "content-type",
                                "x-csrftoken",
                                "if-match",
                                "if-none-match",
                                "prefer")),
                headers.toString());
        assertTrue(r.header("Access-Control-Max-Age").isPresent());
        assertTrue(values(r, "Vary").contains("Origin"), r.headers().toString());
        assertEquals(
                204,
                preflight(api, "/api/v1/blogs/posts", ALLOWED, "POST").status(),
                "before the trailing-slash redirect");
    }

    @Test
    void preflight_fromAnotherOrigin_getsNoCorsHeaders(Api api) {
        Api.Res r = preflight(api, POSTS, EVIL, "POST");
        assertFalse(r.header("Access-Control-Allow-Origin").isPresent(), r.headers().toString());
        assertFalse(r.header("Access-Control-Allow-Credentials").isPresent());
    }

    @Test
    void actualResponses_toATrustedOrigin_mayBeReadWithCredentials_andExposeTheValidators(Api api) {
        Api staff = Users.staff(api);
        long id =
                staff.post(
                                POSTS,
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("cors"))
                                        .add("status", "published")
                                        .build())
                        .id();
        Api.Res r = staff.get(POSTS + id + "/", Map.of("Origin", ALLOWED));
        assertEquals(200, r.status());
        assertEquals(ALLOWED, r.header("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", r.header("Access-Control-Allow-Credentials").orElse(null));
        List<String> exposed = values(r, "Access-Control-Expose-Headers");
        assertTrue(
                exposed.containsAll(List.of("ETag", "Last-Modified", "Location", "Retry-After")),
                exposed.toString());
        List<String> vary = values(r, "Vary");
        assertTrue(vary.contains("Origin") && vary.contains("Cookie"), vary.toString());

        Api.Res other = api.fresh().get(POSTS + id + "/", Map.of("Origin", EVIL));
        assertEquals(200, other.status());
        assertFalse(
                other.header("Access-Control-Allow-Origin").isPresent(),
                "another origin's page may not read it");
        assertTrue(values(other, "Vary").contains("Origin"), other.headers().toString());
    }

    @Test
    void unsafeRequest_fromAnUntrustedOrigin_is403EvenWithAValidToken_andWritesNothing(Api api) {
        Api staff = Users.staff(api);
        String url =
                POSTS
                        + staff.post(
                                        POSTS,
                                        Json.createObjectBuilder()
                                                .add("title", Users.unique("origin"))
                                                .build())
                                .id()
                        + "/";
        Api.Res refused =
                staff.patch(
                        url,
                        Json.createObjectBuilder().add("excerpt", "from evil").build(),
                        Map.of("Origin", EVIL));
        assertEquals(403, refused.status(), refused.body());
        assertTrue(
                refused.contentType().startsWith("application/problem+json"),
                refused.contentType());
        assertTrue(refused.body().contains("Origin checking failed"), refused.body());
        assertEquals(1, staff.get(url).json().getInt("version"), "nothing written");

        String own = api.base().toString().replaceAll("/$", "");
        int version = 1;
        for (Map<String, String> origin :
                List.of(
                        Map.of("Origin", ALLOWED),
                        Map.of("Origin", own),
                        Map.<String, String>of())) {
            Api.Res ok =
                    staff.patch(
                            url,
                            Json.createObjectBuilder().add("excerpt", "ok " + origin).build(),
                            origin);
            assertEquals(200, ok.status(), origin + ": " + ok.body());
            assertEquals(++version, ok.json().getInt("version"));
        }
    }

    @Test
    void options_neverAnswersWadl(Api api) {
        Api.Res options = api.send("OPTIONS", POSTS, null, Map.of());
        assertFalse(options.contentType().contains("wadl"), options.toString());
        assertFalse(options.body().contains("wadl"), options.body());
        for (String path : new String[] {"/api/v1/application.wadl", "/api/v1/application.wadl/"}) {
            Api.Res wadl = api.get(path);
            assertEquals(404, wadl.status(), path + ": " + wadl);
            assertTrue(
                    wadl.contentType().startsWith("application/problem+json"), wadl.contentType());
        }
    }
}
