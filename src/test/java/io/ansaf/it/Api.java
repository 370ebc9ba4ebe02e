package io.ansaf.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A browser-like client of one Ansaf server: it keeps cookies, fetches the CSRF token and sends it
 * on unsafe methods, as the React client does. Each instance is one user agent.
 */
public final class Api {
    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;
    private Consumer<Exchange> observer = e -> {};

    /** One request as sent (with the cookies it carried) and the response it got. */
    public record Exchange(
            String method,
            URI uri,
            Map<String, String> headers,
            String body,
            List<HttpCookie> cookies,
            Res response) {}

    public Api(URI base) {
        this.base = base;
        this.http =
                HttpClient.newBuilder()
                        .cookieHandler(cookies)
                        .connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    public URI base() {
        return base;
    }

    /** Another user agent against the same server (no cookies shared, the same observer). */
    public Api fresh() {
        return new Api(base).observedBy(observer);
    }

    /**
     * Every exchange of this client (and of its {@link #fresh()} ones) is shown to {@code
     * observer}.
     */
    public Api observedBy(Consumer<Exchange> observer) {
        this.observer = observer;
        return this;
    }

    public Api login(String username, String password) {
        Res r =
                post(
                        "/api/v1/auth/login/",
                        Json.createObjectBuilder()
                                .add("username", username)
                                .add("password", password)
                                .build());
        if (r.status() != 200) throw new AssertionError("login of " + username + " failed: " + r);
        csrf = r.header("X-CSRFToken").orElseGet(this::fetchCsrf);
        return this;
    }

    public String fetchCsrf() {
        Res r = send("GET", "/api/v1/auth/csrf/", null, Map.of());
        csrf = r.json().getString("csrf_token");
        return csrf;
    }

    public String csrf() {
        return csrf;
    }

    public void useCsrf(String token) {
        csrf = token;
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().get(base).stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    public Res get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Res get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    public Res post(String path, JsonStructure body) {
        return unsafe("POST", path, body, Map.of());
    }

    public Res patch(String path, JsonStructure body) {
        return unsafe("PATCH", path, body, Map.of());
    }

    public Res patch(String path, JsonStructure body, Map<String, String> headers) {
        return unsafe("PATCH", path, body, headers);
    }

    public Res put(String path, JsonStructure body) {
        return unsafe("PUT", path, body, Map.of());
    }

    public Res put(String path, JsonStructure body, Map<String, String> headers) {
        return unsafe("PUT", path, body, headers);
    }

    public Res delete(String path) {
        return unsafe("DELETE", path, null, Map.of());
    }

    public Res delete(String path, Map<String, String> headers) {
        return unsafe("DELETE", path, null, headers);
    }

    private Res unsafe(
            String method, String path, JsonStructure body, Map<String, String> headers) {
        if (csrf == null) fetchCsrf();
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.putIfAbsent("X-CSRFToken", csrf);
        return send(method, path, body == null ? null : body.toString(), h);
    }

    /** Sends exactly what it is given: no CSRF header unless in {@code headers}. */
    public Res send(String method, String path, String body, Map<String, String> headers) {
        URI uri = base.resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        Map<String, String> sent = new java.util.LinkedHashMap<>(headers);
        if (body != null && !headers.containsKey("Content-Type"))
            sent.put("Content-Type", "application/json");
        sent.forEach(b::header);
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            List<HttpCookie> carried = List.copyOf(cookies.getCookieStore().get(uri));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Res res = new Res(r.statusCode(), r.headers(), r.body());
            observer.accept(new Exchange(method, uri, sent, body, carried, res));
            return res;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers and body, with JSON helpers. */
    public record Res(int status, HttpHeaders headers, String body) {
        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public JsonArray results() {
            return json().getJsonArray("results");
        }

        public List<Long> resultIds() {
            List<Long> ids = new ArrayList<>();
            for (JsonValue v : results()) ids.add(v.asJsonObject().getJsonNumber("id").longValue());
            return ids;
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        public long id() {
            return json().getJsonNumber("id").longValue();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
