package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.TestAdmin;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Compression where the bytes are final (CONTRACT.md, "A front end on another origin"): a
 * representation of 1 KiB or more goes out coded when accepted, with {@code Vary: Accept-Encoding}
 * and its own strong tag; {@code If-None-Match} and {@code If-Match} take either form; small
 * answers and {@code HEAD} stay identity; the dashboard's fingerprinted assets are served
 * precompressed and immutable. Coded requests go through a plain client (the {@link Api} one checks
 * bodies against the OpenAPI document as text).
 */
@ExtendWith(SharedServer.class)
class CompressionIT {
    static final String POSTS = "/api/v1/blogs/posts/";
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static long post;
    static URI base;

    record Raw(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    @BeforeAll
    static void aLongPublishedPost(Api api) {
        base = api.base();
        Api admin = api.fresh().login(TestAdmin.USERNAME, TestAdmin.PASSWORD);
        Api.Res created =
                admin.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", "Compressed " + System.nanoTime())
                                .add(
                                        "body",
                                        "<p>" + "Lorem ipsum dolor sit amet. ".repeat(150) + "</p>")
                                .add("status", "published")
                                .build());
        assertEquals(201, created.status(), created.toString());
        post = created.id();
    }

    static Raw get(String path, Map<String, String> headers) throws Exception {
        return send("GET", path, headers);
    }

    static Raw send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(60))
                        .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Raw(r.statusCode(), r.headers(), r.body());
    }

    static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    static JsonObject json(byte[] bytes) {
        return Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))
                .readObject();
    }

    static boolean varies(Raw r) {
        return r.headers.allValues("Vary").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("accept-encoding"));
    }

    static String coded(String identityTag, String coding) {
        return identityTag.substring(0, identityTag.length() - 1) + "-" + coding + "\"";
    }

    @Test
    void aLongPost_isGzipped_whenAccepted_withVaryAndItsOwnStrongTag() throws Exception {
        Raw identity = get(POSTS + post + "/", Map.of());
        assertEquals(200, identity.status());
        assertEquals(null, identity.header("Content-Encoding"));
        assertTrue(varies(identity), identity.headers.toString());
        String tag = identity.header("ETag");
        assertTrue(tag.startsWith("\"post-" + post + "-v1"), tag);

        Raw gzip = get(POSTS + post + "/", Map.of("Accept-Encoding", "gzip"));
        assertEquals(200, gzip.status());
        assertEquals("gzip", gzip.header("Content-Encoding"));
        assertTrue(varies(gzip), gzip.headers.toString());
        assertEquals(coded(tag, "gzip"), gzip.header("ETag"));
        assertTrue(gzip.body.length < identity.body.length / 3, gzip.body.length + " bytes");
        JsonObject decoded = json(gunzip(gzip.body));
        assertEquals(json(identity.body).getString("body"), decoded.getString("body"));
        assertEquals(post, decoded.getJsonNumber("id").longValue());
    }

    @Test
    void brotli_isPreferredWhenAccepted_andRoundTrips() throws Exception {
        Raw identity = get(POSTS + post + "/", Map.of());
        Raw br = get(POSTS + post + "/", Map.of("Accept-Encoding", "gzip, deflate, br"));
        assertEquals("br", br.header("Content-Encoding"), br.headers.toString());
        assertEquals(coded(identity.header("ETag"), "br"), br.header("ETag"));
        Brotli4jLoader.ensureAvailability();
        DirectDecompress d = Decoder.decompress(br.body);
        assertEquals(DecoderJNI.Status.DONE, d.getResultStatus());
        assertEquals(
                json(identity.body).getString("body"),
                json(d.getDecompressedData()).getString("body"));
        Raw gzipPreferred = get(POSTS + post + "/", Map.of("Accept-Encoding", "br;q=0.5, gzip"));
        assertEquals("gzip", gzipPreferred.header("Content-Encoding"));
    }

    @Test
    void conditionalGet_ofTheCodedTag_is304WithThatTag_andTheIdentityTagStillMatches()
            throws Exception {
        Raw gzip = get(POSTS + post + "/", Map.of("Accept-Encoding", "gzip"));
        String codedTag = gzip.header("ETag");
        // Twice: the second is answered from the cached validators, before JAX-RS.
        for (int i = 0; i < 2; i++) {
            Raw notModified =
                    get(
                            POSTS + post + "/",
                            Map.of("Accept-Encoding", "gzip", "If-None-Match", codedTag));
            assertEquals(304, notModified.status());
            assertEquals(codedTag, notModified.header("ETag"));
            assertTrue(varies(notModified), notModified.headers.toString());
            assertEquals(0, notModified.body.length);
        }
        String identityTag = get(POSTS + post + "/", Map.of()).header("ETag");
        Raw byIdentity =
                get(
                        POSTS + post + "/",
                        Map.of("Accept-Encoding", "gzip", "If-None-Match", identityTag));
        assertEquals(304, byIdentity.status());
        assertEquals(identityTag, byIdentity.header("ETag"));
        Raw stale =
                get(
                        POSTS + post + "/",
                        Map.of(
                                "Accept-Encoding",
                                "gzip",
                                "If-None-Match",
                                "\"post-" + post + "-v0-gzip\""));
        assertEquals(200, stale.status());
    }

    @Test
    void ifMatch_withTheCodedTag_saves_andAStaleCodedTagConflicts(Api api) throws Exception {
        Api admin = api.fresh().login(TestAdmin.USERNAME, TestAdmin.PASSWORD);
        Api.Res created =
                admin.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", "If-Match " + System.nanoTime())
                                .add(
                                        "body",
                                        "<p>"
                                                + "Sed ut perspiciatis unde omnis. ".repeat(80)
                                                + "</p>")
                                .add("status", "published")
                                .build());
        long id = created.id();
        String codedTag = get(POSTS + id + "/", Map.of("Accept-Encoding", "gzip")).header("ETag");
        assertTrue(codedTag.endsWith("-gzip\""), codedTag);
        JsonObject patch = Json.createObjectBuilder().add("title", "Saved through gzip").build();
        Api.Res saved = admin.patch(POSTS + id + "/", patch, Map.of("If-Match", codedTag));
        assertEquals(200, saved.status(), saved.toString());
        assertEquals("Saved through gzip", saved.json().getString("title"));
        // The contract answers a stale If-Match with 409 and the current version (not 412).
        Api.Res stale = admin.patch(POSTS + id + "/", patch, Map.of("If-Match", codedTag));
        assertEquals(409, stale.status(), stale.toString());
        assertEquals(2, stale.json().getInt("current_version"));
        Api.Res weak = admin.patch(POSTS + id + "/", patch, Map.of("If-Match", "W/" + codedTag));
        assertEquals(409, weak.status(), "a weak tag never satisfies If-Match: " + weak);
    }

    @Test
    void aListOfTwenty_isCoded_andItsConditionalGetIs304() throws Exception {
        String list = POSTS + "?page_size=20";
        Raw identity = get(list, Map.of());
        Raw gzip = get(list, Map.of("Accept-Encoding", "gzip"));
        assertEquals("gzip", gzip.header("Content-Encoding"));
        assertEquals(coded(identity.header("ETag"), "gzip"), gzip.header("ETag"));
        assertEquals(json(identity.body).getInt("count"), json(gunzip(gzip.body)).getInt("count"));
        Raw notModified =
                get(list, Map.of("Accept-Encoding", "gzip", "If-None-Match", gzip.header("ETag")));
        assertEquals(304, notModified.status());
        assertEquals(gzip.header("ETag"), notModified.header("ETag"));
    }

    @Test
    void smallAnswers_andHead_goOutAsIdentity() throws Exception {
        Raw small = get("/api/v1/auth/me/", Map.of("Accept-Encoding", "gzip, br"));
        assertEquals(401, small.status());
        assertEquals(null, small.header("Content-Encoding"));
        assertTrue(varies(small));
        Raw head = send("HEAD", POSTS + post + "/", Map.of("Accept-Encoding", "gzip, br"));
        assertEquals(200, head.status());
        assertEquals(null, head.header("Content-Encoding"));
        assertFalse(head.header("ETag").endsWith("-gzip\""), head.header("ETag"));
    }

    @Test
    void dashboardAssets_areServedPrecompressed_andImmutable_indexHtmlIsNot() throws Exception {
        assumeFalse(Boolean.getBoolean("ansaf.frontend.skip"), "built with -Dskip.frontend=true");
        Raw index = get("/dashboard/", Map.of("Accept-Encoding", "gzip"));
        assertEquals(200, index.status());
        String html =
                new String(
                        "gzip".equals(index.header("Content-Encoding"))
                                ? gunzip(index.body)
                                : index.body,
                        StandardCharsets.UTF_8);
        assertFalse(index.header("Cache-Control").contains("immutable"), index.headers.toString());
        Matcher script = Pattern.compile("/dashboard/assets/[^\"]+\\.js").matcher(html);
        assertTrue(script.find(), html);
        String asset = script.group();

        Raw plain = get(asset, Map.of());
        assertEquals(200, plain.status());
        assertEquals(null, plain.header("Content-Encoding"));
        assertEquals(StaticAssets.IMMUTABLE, plain.header("Cache-Control"));
        Raw gzip = get(asset, Map.of("Accept-Encoding", "gzip"));
        assertEquals("gzip", gzip.header("Content-Encoding"));
        assertEquals(StaticAssets.IMMUTABLE, gzip.header("Cache-Control"));
        assertTrue(varies(gzip));
        assertTrue(gzip.header("Content-Type").contains("javascript"), gzip.headers.toString());
        assertArrayEquals(plain.body, gunzip(gzip.body));
        Raw br = get(asset, Map.of("Accept-Encoding", "gzip, deflate, br"));
        assertEquals("br", br.header("Content-Encoding"));
        assertEquals("nosniff", br.header("X-Content-Type-Options"), "security headers too");
        Brotli4jLoader.ensureAvailability();
        assertArrayEquals(plain.body, Decoder.decompress(br.body).getDecompressedData());
        assertTrue(br.body.length < gzip.body.length, br.body.length + " < " + gzip.body.length);
    }
}
