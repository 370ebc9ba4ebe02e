package io.ansaf.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code Set-Cookie} headers a fresh client gets from {@code /api/v1/auth/csrf/} (which starts
 * a session and issues the CSRF token), read raw: a cookie store would keep the values and drop the
 * attributes the tests are about.
 */
public record SetCookies(List<String> headers) {

    public static SetCookies ofNewSession(URI base) throws IOException, InterruptedException {
        HttpResponse<Void> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(base.resolve("/api/v1/auth/csrf/")).build(),
                                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200)
            throw new AssertionError("GET /api/v1/auth/csrf/ answered " + r.statusCode());
        return new SetCookies(r.headers().allValues("Set-Cookie"));
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
