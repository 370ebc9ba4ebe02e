package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generated garbage (seeded, so a failure replays): malformed targets, unknown methods, odd headers
 * and bodies that are no JSON object, sent over a raw socket so that no HTTP library tidies them
 * up. No answer may be a 5xx, and no error under {@code /api/} may be anything but problem+json
 * (never the container's HTML). {@code bench/hostile/garbage.py} sends 10,000 of the same kind to a
 * running server.
 */
@ExtendWith(SharedServer.class)
class FuzzIT {
    static final int REQUESTS = 400;

    static final String[] BASES = {
        "/api/v1/blogs/posts/",
        "/api/v1/blogs/posts/1/",
        "/api/v1/blogs/categories/",
        "/api/v1/blogs/comments/",
        "/api/v1/pages/",
        "/api/v1/pages/about/",
        "/api/v1/auth/login/",
        "/api/v1/auth/me/",
        "/api/v1/auth/users/",
        "/api/v1/changes/",
        "/api/v1/",
        "/ws/v1/blogs/"
    };
    static final String[] PIECES = {
        "%2F",
        "%2e%2e",
        "..",
        "{",
        "}",
        "|",
        "^",
        "`",
        ";jsessionid=x",
        "//",
        "~",
        "[",
        "]",
        "'",
        "<script>",
        "%0d%0a",
        "a".repeat(300),
        "%C3%A9"
    };

    /**
     * What Payara's connector refuses while decoding the target, before any filter of the
     * application runs: an invalid escape ({@code %zz}: the connector logs the exception and
     * answers 200 with no body), a NUL, bytes that are no UTF-8, a backslash (400 with no body). No
     * hook of a WAR sees these requests; they are checked for what holds anyway: no 5xx, no HTML,
     * nothing of the server's insides.
     */
    static final String[] CONTAINER_REFUSES = {"%zz", "%00", "%ff%fe", "\\", "%"};

    static final String[] QUERIES = {
        "page=-1",
        "page=99999999999999999999",
        "page_size=0",
        "page=abc",
        "ordering=;drop",
        "search=" + "x".repeat(500),
        "search=%00",
        "status=nope",
        "since=zz",
        "limit=-5",
        "author=%ff",
        "channel=pages&limit=1e9",
        "&&&",
        "=",
        "page=1&page=2"
    };
    static final String[] METHODS = {
        "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "get"
    };
    static final String[] BODIES = {
        "",
        "{",
        "}",
        "[]",
        "null",
        "42",
        "\"x\"",
        "{\"title\":",
        "{\"title\":1e999}",
        "{\"a\":".repeat(200),
        "{\"title\":\"a\"} {\"title\":\"b\"}",
        "{\"title\":\"\\ud800\"}",
        "<xml/>",
        "title=a&status=draft",
        "{\"version\":\"x\"}",
        "{\"__proto__\":{}}"
    };
    static final String[] TYPES = {
        "application/json", "text/plain", "application/x-www-form-urlencoded",
        "application/json; charset=latin1", "multipart/form-data; boundary=x", "*/*"
    };
    static final String[] HEADERS = {
        "If-Match: *",
        "If-Match: garbage",
        "If-None-Match: \"x\"",
        "If-Modified-Since: yesterday",
        "Prefer: conflict=merge",
        "X-CSRFToken: " + "a".repeat(100),
        "Cookie: JSESSIONID=../../x",
        "Origin: http://evil.example",
        "Origin: null",
        "Accept: text/html",
        "Accept: application/xml",
        "Range: bytes=0-1",
        "X-Forwarded-For: 1.2.3.4, ::1"
    };

    record Answer(int status, String contentType, String body) {}

    static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    static String target(Random r) {
        StringBuilder t = new StringBuilder(pick(r, BASES));
        for (int i = r.nextInt(3); i > 0; i--) t.insert(r.nextInt(t.length() + 1), pick(r, PIECES));
        if (r.nextBoolean()) t.append('?').append(pick(r, QUERIES));
        return t.toString().replace(' ', '+');
    }

    static Answer send(int port, String method, String target, List<String> headers, byte[] body)
            throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
            for (String h : headers) head.append(h).append("\r\n");
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String reply = all.toString(StandardCharsets.ISO_8859_1);
            int end = reply.indexOf("\r\n\r\n");
            String[] lines = (end < 0 ? reply : reply.substring(0, end)).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String type = "";
            for (String l : lines)
                if (l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    type = l.substring(13).trim();
            return new Answer(status, type, end < 0 ? "" : reply.substring(end + 4));
        }
    }

    @Test
    void generatedGarbage_neverGets5xx_norAnythingButProblemsUnderTheApi(Api api) throws Exception {
        Random r = new Random(20261203);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String method = pick(r, METHODS);
            String target = target(r);
            List<String> headers = new ArrayList<>();
            for (int h = r.nextInt(4); h > 0; h--) headers.add(pick(r, HEADERS));
            headers.add("Content-Type: " + pick(r, TYPES));
            byte[] body = pick(r, BODIES).getBytes(StandardCharsets.UTF_8);
            if (method.equals("GET") || method.equals("HEAD")) body = new byte[0];
            Answer a = send(api.base().getPort(), method, target, headers, body);
            String what =
                    method
                            + " "
                            + target
                            + " "
                            + headers
                            + " -> "
                            + a.status()
                            + " "
                            + a.contentType();
            boolean api1 = target.startsWith("/api/");
            boolean html = a.contentType().startsWith("text/html") || a.body().contains("<html");
            if (a.status() >= 500) wrong.add("5xx: " + what + " " + a.body());
            else if (api1 && html) wrong.add("HTML: " + what);
            else if (api1
                    && a.status() >= 400
                    && !method.equals("HEAD")
                    && !a.contentType().startsWith("application/problem+json"))
                wrong.add("not a problem: " + what + " " + a.body());
        }
        assertEquals(List.of(), wrong, wrong.size() + " of " + REQUESTS);
    }

    @Test
    void targetsTheConnectorRefuses_neverGet5xx_norHtml(Api api) throws Exception {
        Random r = new Random(1203);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            StringBuilder t = new StringBuilder(pick(r, BASES));
            t.insert(r.nextInt(t.length() + 1), pick(r, CONTAINER_REFUSES));
            String method = pick(r, METHODS);
            Answer a = send(api.base().getPort(), method, t.toString(), List.of(), new byte[0]);
            boolean leaks =
                    a.contentType().startsWith("text/html")
                            || a.body().contains("<html")
                            || a.body().contains("Exception")
                            || a.body().contains("Payara");
            if (a.status() >= 500 || leaks) wrong.add(method + " " + t + " -> " + a);
        }
        assertEquals(List.of(), wrong);
    }
}
