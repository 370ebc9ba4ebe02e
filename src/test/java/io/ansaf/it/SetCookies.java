package io.ansaf.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code Set-Cookie} headers a client gets from {@code POST /api/v1/auth/login/} (which starts
 * a session and issues a new CSRF token), or from an anonymous {@code /api/v1/auth/csrf/}, read
 * raw: a cookie store would keep the values and drop the attributes the tests are about.
 */
public record SetCookies(List<String> headers) {

    /** What an anonymous {@code GET /api/v1/auth/csrf/} sets. */
    public static SetCookies ofCsrf(URI base) throws IOException, InterruptedException {
        HttpResponse<Void> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(base.resolve("/api/v1/auth/csrf/")).build(),
                                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200)
            throw new AssertionError("GET /api/v1/auth/csrf/ answered " + r.statusCode());
        return new SetCookies(r.headers().allValues("Set-Cookie"));
    }

    /** What a login of {@code username} sets (the session and its CSRF cookie). */
    public static SetCookies ofLogin(URI base, String username, String password)
            throws IOException, InterruptedException {
        // No cookie store: it would not send a Secure cookie back over plain HTTP.
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> csrf =
                http.send(
                        HttpRequest.newBuilder(base.resolve("/api/v1/auth/csrf/")).build(),
                        HttpResponse.BodyHandlers.ofString());
        String token =
                jakarta.json.Json.createReader(new java.io.StringReader(csrf.body()))
                        .readObject()
                        .getString("csrf_token");
        HttpResponse<Void> r =
                http.send(
                        HttpRequest.newBuilder(base.resolve("/api/v1/auth/login/"))
                                .header("Content-Type", "application/json")
                                .header("X-CSRFToken", token)
                                .header(
                                        "Cookie",
                                        new SetCookies(csrf.headers().allValues("Set-Cookie"))
                                                .of("csrftoken")
                                                .split(";", 2)[0])
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                jakarta.json.Json.createObjectBuilder()
                                                        .add("username", username)
                                                        .add("password", password)
                                                        .build()
                                                        .toString()))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200)
            throw new AssertionError("login of " + username + " answered " + r.statusCode());
        return new SetCookies(r.headers().allValues("Set-Cookie"));
    }

    /** Whether a cookie called {@code name} is set. */
    public boolean sets(String name) {
        return headers.stream().anyMatch(c -> c.startsWith(name + "="));
    }

    /** The whole header that sets {@code name}. */
    public String of(String name) {
        return headers.stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + headers));
    }

    /**
     * Whether {@code cookie} (a whole header) carries {@code attribute}, e.g. {@code Secure} or
     * {@code SameSite=Lax}, in any case.
     */
    public static boolean has(String cookie, String attribute) {
        return cookie.matches("(?i).*;\\s*" + Pattern.quote(attribute) + "(;.*|$)");
    }
}
