package io.ansaf.auth;

import static io.ansaf.it.TestAdmin.PASSWORD;
import static io.ansaf.it.TestAdmin.USERNAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SetCookies;
import io.ansaf.it.SharedServer;
import io.ansaf.it.TestDatabase;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Session login, CSRF, throttling and staff-only user management, over real HTTP. */
@ExtendWith(SharedServer.class)
class AuthIT {

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    static JsonObject userBody(String username, String password, boolean staff) {
        return Json.createObjectBuilder()
                .add("username", username)
                .add("email", username + "@example.com")
                .add("password", password)
                .add("is_staff", staff)
                .build();
    }

    @Test
    void loginMeLogout_roundTrip(Api api) {
        api.fetchCsrf();
        String anonymousSession = api.cookie("JSESSIONID").orElse(null);
        String anonymousToken = api.csrf();
        assertEquals(401, api.get("/api/v1/auth/me/").status());

        api.login(USERNAME, PASSWORD);
        assertNotEquals(
                anonymousSession,
                api.cookie("JSESSIONID").orElse(null),
                "session id changes at login");
        assertNotEquals(anonymousToken, api.csrf(), "CSRF token changes at login");
        assertEquals(api.csrf(), api.cookie("csrftoken").orElse(null));

        Api.Res me = api.get("/api/v1/auth/me/");
        assertEquals(200, me.status(), me.body());
        assertEquals(USERNAME, me.json().getString("username"));
        assertTrue(me.json().getBoolean("is_staff"));
        assertFalse(me.body().contains("password"));

        String loggedInToken = api.csrf();
        Api.Res out = api.post("/api/v1/auth/logout/", null);
        assertEquals(204, out.status(), out.body());
        assertNotEquals(
                loggedInToken,
                out.header("X-CSRFToken").orElse(loggedInToken),
                "CSRF token changes at logout");
        assertEquals(401, api.get("/api/v1/auth/me/").status());
    }

    @Test
    void login_withWrongPassword_is401(Api api) {
        Api.Res r =
                api.post(
                        "/api/v1/auth/login/",
                        Json.createObjectBuilder()
                                .add("username", unique("nobody"))
                                .add("password", "wrong-password")
                                .build());
        assertEquals(401, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"));
    }

    @Test
    void login_withMissingFields_reportsEveryField(Api api) {
        Api.Res r =
                api.post("/api/v1/auth/login/", Json.createObjectBuilder().add("extra", 1).build());
        assertEquals(400, r.status(), r.body());
        JsonObject errors = r.json().getJsonObject("errors");
        assertTrue(
                errors.containsKey("username")
                        && errors.containsKey("password")
                        && errors.containsKey("extra"),
                r.body());
    }

    @Test
    void unsafeRequest_withoutOrWithWrongCsrf_is403AndChangesNothing(Api api) {
        Api admin = api.fresh().login(USERNAME, PASSWORD);
        String name = unique("csrf");
        JsonObject body = userBody(name, "long-enough-password", false);
        Api.Res missing = admin.send("POST", "/api/v1/auth/users/", body.toString(), Map.of());
        assertEquals(403, missing.status(), missing.body());
        Api.Res wrong =
                admin.send(
                        "POST",
                        "/api/v1/auth/users/",
                        body.toString(),
                        Map.of("X-CSRFToken", "0".repeat(64)));
        assertEquals(403, wrong.status());
        Api other = api.fresh();
        String othersToken = other.fetchCsrf();
        Api.Res foreign =
                admin.send(
                        "POST",
                        "/api/v1/auth/users/",
                        body.toString(),
                        Map.of("X-CSRFToken", othersToken));
        assertEquals(403, foreign.status());
        Api.Res login =
                api.fresh()
                        .send(
                                "POST",
                                "/api/v1/auth/login/",
                                "{\"username\":\""
                                        + USERNAME
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\"}",
                                Map.of());
        assertEquals(403, login.status(), "login needs CSRF too");
        assertFalse(
                admin.get("/api/v1/auth/users/?page_size=100&page=last").body().contains(name),
                "nothing was created");
    }

    @Test
    void failedLogins_areThrottled_thenRecover(Api api) throws InterruptedException {
        String name = unique("throttle");
        Api admin = api.fresh().login(USERNAME, PASSWORD);
        assertEquals(
                201,
                admin.post("/api/v1/auth/users/", userBody(name, "right-password-1", false))
                        .status());
        Api client = api.fresh();
        JsonObject wrong =
                Json.createObjectBuilder()
                        .add("username", name)
                        .add("password", "wrong-password")
                        .build();
        for (int i = 0; i < 5; i++)
            assertEquals(401, client.post("/api/v1/auth/login/", wrong).status());
        Api.Res throttled =
                client.post(
                        "/api/v1/auth/login/",
                        Json.createObjectBuilder()
                                .add("username", name)
                                .add("password", "right-password-1")
                                .build());
        assertEquals(429, throttled.status(), throttled.body());
        assertNotNull(throttled.header("Retry-After").orElse(null));
        Thread.sleep(Long.parseLong(throttled.header("Retry-After").get()) * 1000 + 500);
        client.login(name, "right-password-1");
    }

    @Test
    void twentyConcurrentWrongPasswords_forOneUsername_letAtMostFiveReachThePasswordCheck(Api api)
            throws Exception {
        String name = unique("burst");
        JsonObject wrong =
                Json.createObjectBuilder()
                        .add("username", name)
                        .add("password", "wrong-password")
                        .build();
        List<Api> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Api c = api.fresh();
            c.fetchCsrf();
            clients.add(c);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Api c : clients)
                answers.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return c.post("/api/v1/auth/login/", wrong).status();
                                }));
            start.countDown();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<Integer> a : answers)
                byStatus.merge(a.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            assertEquals(Set.of(401, 429), byStatus.keySet(), byStatus.toString());
            assertEquals(
                    5,
                    byStatus.get(401),
                    "exactly the limit reached the password check: " + byStatus);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The secret under a masked token: what the server issued before tokens were masked. */
    static String unmasked(String masked) {
        java.util.HexFormat hex = java.util.HexFormat.of();
        byte[] mask = hex.parseHex(masked.substring(0, 64));
        byte[] secret = hex.parseHex(masked.substring(64));
        for (int i = 0; i < secret.length; i++) secret[i] ^= mask[i];
        return hex.formatHex(secret);
    }

    @Test
    void csrfTokens_areMaskedAfreshInEveryResponse_everyOneWorks_andAnUnmaskedOneToo(Api api) {
        Api admin = api.fresh().login(USERNAME, PASSWORD);
        String a = admin.fetchCsrf();
        String b = admin.fetchCsrf();
        assertNotEquals(a, b, "two fetches give two masks");
        assertEquals(128, a.length(), a);
        assertEquals(unmasked(a), unmasked(b), "one secret under both");
        String path = "/api/v1/blogs/categories/";
        for (String token : List.of(a, b, unmasked(a))) {
            Api.Res r =
                    admin.send(
                            "POST",
                            path,
                            Json.createObjectBuilder()
                                    .add("name", unique("mask-"))
                                    .build()
                                    .toString(),
                            Map.of("X-CSRFToken", token));
            assertEquals(201, r.status(), token + ": " + r);
        }
        String wrong = a.substring(0, 64) + unmasked(a); // a's mask over the bare secret
        Api.Res refused =
                admin.send(
                        "POST",
                        path,
                        Json.createObjectBuilder().add("name", unique("mask-")).build().toString(),
                        Map.of("X-CSRFToken", wrong));
        assertEquals(403, refused.status(), "a mask must be undone, not ignored: " + refused);
    }

    @Test
    void anonymousCsrf_startsNoSession_theTokenMustMatchTheClientsOwnCookie(Api api)
            throws Exception {
        // A loop of anonymous token fetches must not fill the session store.
        for (int i = 0; i < 20; i++) {
            SetCookies anonymous = SetCookies.ofCsrf(api.base());
            assertFalse(anonymous.sets("JSESSIONID"), anonymous.headers().toString());
            assertTrue(anonymous.sets("csrftoken"), anonymous.headers().toString());
        }
        JsonObject credentials =
                Json.createObjectBuilder()
                        .add("username", USERNAME)
                        .add("password", PASSWORD)
                        .build();

        Api a = api.fresh();
        String tokenOfA = a.fetchCsrf();
        assertTrue(a.cookie("JSESSIONID").isEmpty(), "no session before login");
        assertNotEquals(tokenOfA, a.fetchCsrf(), "masked afresh, the same secret as the cookie's");

        // B's cookie with A's token: a token stands for its own client's cookie only.
        Api b = api.fresh();
        b.fetchCsrf();
        Api.Res crossed =
                b.send(
                        "POST",
                        "/api/v1/auth/login/",
                        credentials.toString(),
                        Map.of("X-CSRFToken", tokenOfA));
        assertEquals(403, crossed.status(), crossed.toString());
        assertTrue(b.cookie("JSESSIONID").isEmpty(), "a refused login starts no session");

        // A token and no cookie at all.
        var bare =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                api.base().resolve("/api/v1/auth/login/"))
                                        .header("Content-Type", "application/json")
                                        .header("X-CSRFToken", tokenOfA)
                                        .POST(
                                                java.net.http.HttpRequest.BodyPublishers.ofString(
                                                        credentials.toString()))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, bare.statusCode(), bare.body());

        // A's token with A's cookie logs in; logout leaves no session and a token that works.
        Api.Res in =
                a.send(
                        "POST",
                        "/api/v1/auth/login/",
                        credentials.toString(),
                        Map.of("X-CSRFToken", tokenOfA));
        assertEquals(200, in.status(), in.toString());
        String session = a.cookie("JSESSIONID").orElseThrow();
        String loggedIn = in.header("X-CSRFToken").orElseThrow();
        Api.Res out = a.send("POST", "/api/v1/auth/logout/", null, Map.of("X-CSRFToken", loggedIn));
        assertEquals(204, out.status(), out.toString());
        assertFalse(
                out.headers().allValues("Set-Cookie").stream()
                        .anyMatch(c -> c.startsWith("JSESSIONID=") && !c.contains("Max-Age=0")),
                "logout starts no new session: " + out.headers().allValues("Set-Cookie"));
        Api.Res stale =
                a.send(
                        "POST",
                        "/api/v1/auth/login/",
                        credentials.toString(),
                        Map.of("X-CSRFToken", loggedIn));
        assertEquals(403, stale.status(), "the logged-in token ends with its session: " + stale);
        Api.Res again =
                a.send(
                        "POST",
                        "/api/v1/auth/login/",
                        credentials.toString(),
                        Map.of("X-CSRFToken", out.header("X-CSRFToken").orElseThrow()));
        assertEquals(200, again.status(), again.toString());
        assertNotEquals(session, a.cookie("JSESSIONID").orElseThrow());
    }

    @Test
    void sessionCookie_isHttpOnlyAndSameSiteLax_csrfCookieIsReadableByScripts(Api api)
            throws Exception {
        SetCookies cookies = SetCookies.ofLogin(api.base(), USERNAME, PASSWORD);
        String session = cookies.of("JSESSIONID");
        String csrf = cookies.of("csrftoken");
        assertTrue(SetCookies.has(session, "HttpOnly"), session);
        assertTrue(SetCookies.has(session, "SameSite=Lax"), session);
        assertTrue(SetCookies.has(csrf, "SameSite=Lax"), csrf);
        assertFalse(
                csrf.toLowerCase(Locale.ROOT).contains("httponly"),
                "the page's scripts read the token from it: " + csrf);
    }

    @Test
    void deactivatedUser_cannotLogIn_andTheirSessionStops(Api api) {
        Api admin = api.fresh().login(USERNAME, PASSWORD);
        String name = unique("gone");
        Api.Res created =
                admin.post("/api/v1/auth/users/", userBody(name, "password-of-gone", false));
        Api user = api.fresh().login(name, "password-of-gone");
        assertEquals(200, user.get("/api/v1/auth/me/").status());
        assertEquals(204, admin.delete("/api/v1/auth/users/" + created.id() + "/").status());
        assertEquals(401, user.get("/api/v1/auth/me/").status(), "existing session stops working");
        Api.Res again =
                api.fresh()
                        .post(
                                "/api/v1/auth/login/",
                                Json.createObjectBuilder()
                                        .add("username", name)
                                        .add("password", "password-of-gone")
                                        .build());
        assertEquals(401, again.status());
        assertFalse(
                admin.get("/api/v1/auth/users/" + created.id() + "/")
                        .json()
                        .getBoolean("is_active"));
    }

    @Test
    void usersApi_isStaffOnly(Api api) {
        Api user = Users.newUser(api);
        assertEquals(403, user.get("/api/v1/auth/users/").status());
        assertEquals(401, api.fresh().get("/api/v1/auth/users/").status());
        Api staff = Users.newStaff(api);
        Api.Res list = staff.get("/api/v1/auth/users/");
        assertEquals(200, list.status(), list.body());
        assertTrue(list.json().getInt("count") >= 2);
        assertFalse(list.body().contains("password"));
    }

    @Test
    void createUser_validatesEveryFieldAtOnce(Api api) {
        Api admin = api.fresh().login(USERNAME, PASSWORD);
        Api.Res r =
                admin.post(
                        "/api/v1/auth/users/",
                        Json.createObjectBuilder()
                                .add("username", "bad name!")
                                .add("email", "not-an-email")
                                .add("password", "short")
                                .add("is_staff", "yes")
                                .build());
        assertEquals(400, r.status(), r.body());
        JsonObject errors = r.json().getJsonObject("errors");
        for (String field : new String[] {"username", "email", "password", "is_staff"}) {
            assertTrue(errors.containsKey(field), field + " in " + r.body());
        }
    }

    @Test
    void usernames_areUniqueWithoutRegardToCase(Api api) {
        Api admin = api.fresh().login(USERNAME, PASSWORD);
        String name = unique("Case");
        assertEquals(
                201,
                admin.post("/api/v1/auth/users/", userBody(name, "long-enough-pw", false))
                        .status());
        Api.Res dup =
                admin.post(
                        "/api/v1/auth/users/",
                        userBody(name.toUpperCase(), "long-enough-pw", false));
        assertEquals(400, dup.status(), dup.body());
        api.fresh().login(name.toLowerCase(), "long-enough-pw");
    }

    @Test
    void passwordHashes_areSaltedAndNotThePassword(Api api, TestDatabase db) throws Exception {
        Assumptions.assumeTrue(
                db.postgresKind(), "the H2 file is held by the server; checked on PostgreSQL");
        Api admin = api.fresh().login(USERNAME, PASSWORD);
        String a = unique("hash"), b = unique("hash");
        admin.post("/api/v1/auth/users/", userBody(a, "same-password-123", false));
        admin.post("/api/v1/auth/users/", userBody(b, "same-password-123", false));
        try (Connection c = db.connect();
                ResultSet rs =
                        c.createStatement()
                                .executeQuery(
                                        "select password_hash from users where username in ('"
                                                + a
                                                + "','"
                                                + b
                                                + "') order by id")) {
            assertTrue(rs.next());
            String ha = rs.getString(1);
            assertTrue(rs.next());
            String hb = rs.getString(1);
            assertFalse(ha.contains("same-password-123"));
            assertTrue(ha.startsWith("pbkdf2_sha256$"));
            assertNotEquals(ha, hb);
        }
    }
}
