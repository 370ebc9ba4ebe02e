package io.ansaf.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ranked search ({@code ?q=}) as the contract's section "Ranked search" has it, on whichever
 * database the shared server runs (H2, and PostgreSQL in CI's second pass): ranking, phrases,
 * exclusion and {@code or}, stemming, escaped headlines, visibility, and bad queries.
 */
@ExtendWith(SharedServer.class)
class SearchIT {
    private static final String POSTS = "/api/v1/blogs/posts/";
    private static final String PAGES = "/api/v1/pages/";

    /** A word no other test writes (letters only, ending so that no stemmer cuts it). */
    private static String word() {
        String letters = "bdgkmptz";
        StringBuilder w = new StringBuilder("zu");
        for (int i = 0; i < 9; i++)
            w.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
        return w.toString();
    }

    private static long post(Api author, String title, String excerpt, String body, String status) {
        Api.Res r =
                author.post(
                        POSTS,
                        Json.createObjectBuilder()
                                .add("title", title)
                                .add("excerpt", excerpt)
                                .add("body", body)
                                .add("status", status)
                                .build());
        assertEquals(201, r.status(), r.body());
        return r.id();
    }

    private static Api.Res search(Api api, String list, String q, String... more) {
        return api.get(
                list
                        + "?q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8)
                        + (more.length == 0 ? "" : "&" + String.join("&", more)));
    }

    private static List<Long> ids(Api.Res r) {
        assertEquals(200, r.status(), r.body());
        List<Long> ids = new ArrayList<>();
        for (JsonObject o : r.results().getValuesAs(JsonObject.class))
            ids.add(o.getJsonNumber("id").longValue());
        return ids;
    }

    @Test
    void aWordInTheTitle_ranksAboveTheSameWordInTheBody_withRankAndHeadline(Api api) {
        Api staff = Users.staff(api);
        String w = word();
        long inBody =
                post(
                        staff,
                        "Plain title",
                        "",
                        "<p>Some text about " + w + " here.</p>",
                        "published");
        long inExcerpt =
                post(staff, "Another title", "An excerpt on " + w, "<p>x</p>", "published");
        long inTitle = post(staff, "All about " + w, "", "<p>Nothing more.</p>", "published");

        Api.Res r = search(api.fresh(), POSTS, w);
        assertEquals(List.of(inTitle, inExcerpt, inBody), ids(r), r.body());
        assertEquals(3, r.json().getInt("count"));
        List<JsonObject> results = r.results().getValuesAs(JsonObject.class);
        double title = results.get(0).getJsonObject("search").getJsonNumber("rank").doubleValue();
        double excerpt = results.get(1).getJsonObject("search").getJsonNumber("rank").doubleValue();
        double body = results.get(2).getJsonObject("search").getJsonNumber("rank").doubleValue();
        assertTrue(title > excerpt && excerpt > body && body > 0, results.toString());
        String headline = results.get(2).getJsonObject("search").getString("headline");
        assertTrue(headline.contains("<mark>" + w + "</mark>"), headline);

        // An ordering asked for wins over relevance; the search object is still there.
        Api.Res byTitle = search(api.fresh(), POSTS, w, "ordering=title");
        assertEquals(List.of(inTitle, inExcerpt, inBody), ids(byTitle));
        Api.Res newest = search(api.fresh(), POSTS, w, "ordering=-created_at");
        assertEquals(List.of(inTitle, inExcerpt, inBody), ids(newest));
        Api.Res oldest = search(api.fresh(), POSTS, w, "ordering=created_at");
        assertEquals(List.of(inBody, inExcerpt, inTitle), ids(oldest));
        assertTrue(
                oldest.results().getJsonObject(0).containsKey("search"),
                oldest.results().toString());

        // Without q nothing about search is added.
        Api.Res plain = api.fresh().get(POSTS + inBody + "/");
        assertFalse(plain.json().containsKey("search"), plain.body());
        Api.Res list = api.fresh().get(POSTS + "?search=" + w);
        assertFalse(list.results().getJsonObject(0).containsKey("search"), list.body());
    }

    @Test
    void phrasesExclusionAndOr_stemming_andWholeWords(Api api) {
        Api staff = Users.staff(api);
        String w = word();
        String other = word();
        long quickFox = post(staff, "One", "", "<p>" + w + " the quick brown fox</p>", "published");
        long brownQuick = post(staff, "Two", "", "<p>" + w + " brown and quick</p>", "published");
        long running =
                post(staff, "Three", "", "<p>" + w + " was running all day</p>", "published");
        long otherOnly = post(staff, "Four " + other, "", "<p>nothing</p>", "published");

        assertEquals(List.of(quickFox), ids(search(api, POSTS, w + " \"quick brown\"")));
        assertEquals(
                List.of(brownQuick, quickFox).stream().sorted().toList(),
                ids(search(api, POSTS, w + " quick brown")).stream().sorted().toList());
        assertEquals(
                List.of(running, brownQuick).stream().sorted().toList(),
                ids(search(api, POSTS, w + " -fox")).stream().sorted().toList());
        List<Long> either = ids(search(api, POSTS, w + " fox or " + other));
        assertEquals(
                List.of(quickFox, otherOnly).stream().sorted().toList(),
                either.stream().sorted().toList());
        // English stems: "run" finds "running", "runs" too.
        assertEquals(List.of(running), ids(search(api, POSTS, w + " run")));
        assertEquals(List.of(running), ids(search(api, POSTS, w + " runs")));
        Api.Res stemmed = search(api, POSTS, w + " run");
        assertTrue(
                stemmed.results()
                        .getJsonObject(0)
                        .getJsonObject("search")
                        .getString("headline")
                        .contains("<mark>running</mark>"),
                stemmed.body());
        // Whole words: a word's start is not a word.
        assertEquals(List.of(), ids(search(api, POSTS, w.substring(0, 6))));
    }

    @Test
    void headlines_escapeEverythingButTheMarks(Api api) {
        Api staff = Users.staff(api);
        String w = word();
        long id =
                post(
                        staff,
                        "Escaping",
                        "",
                        "<p>"
                                + w
                                + " &lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\" <script>alert(1)</script> end</p>",
                        "published");
        Api.Res r = search(api, POSTS, w);
        assertEquals(List.of(id), ids(r));
        String headline =
                r.results().getJsonObject(0).getJsonObject("search").getString("headline");
        assertTrue(headline.contains("<mark>" + w + "</mark>"), headline);
        assertTrue(headline.contains("&lt;b&gt;bold&lt;/b&gt;"), headline);
        assertTrue(headline.contains("&amp;"), headline);
        assertFalse(headline.contains("<b>"), headline);
        assertFalse(headline.contains("<script"), headline);
        assertFalse(headline.contains("alert"), "the sanitizer dropped the script: " + headline);
        assertEquals(
                headline.replace("<mark>", "").replace("</mark>", "").indexOf('<'),
                -1,
                "no markup but the marks: " + headline);
    }

    @Test
    void drafts_areFoundOnlyByTheirAuthorAndStaff(Api api) {
        Api author = Users.newUser(api);
        Api other = Users.newUser(api);
        Api staff = Users.staff(api);
        String w = word();
        long draft = post(author, "Draft " + w, "", "<p>secret</p>", "draft");
        long published = post(author, "Published " + w, "", "<p>open</p>", "published");

        assertEquals(List.of(published), ids(search(api.fresh(), POSTS, w)));
        assertEquals(List.of(published), ids(search(other, POSTS, w)));
        assertEquals(
                List.of(draft, published).stream().sorted().toList(),
                ids(search(author, POSTS, w)).stream().sorted().toList());
        assertEquals(2, search(staff, POSTS, w).json().getInt("count"));
        assertEquals(List.of(draft), ids(search(staff, POSTS, w, "status=draft")));
    }

    @Test
    void pages_areRankedToo(Api api) {
        Api staff = Users.staff(api);
        String w = word();
        Api.Res body =
                staff.post(
                        PAGES,
                        Json.createObjectBuilder()
                                .add("title", "About")
                                .add("slug", "about-" + w)
                                .add("body", "<p>We like " + w + ".</p>")
                                .add("status", "published")
                                .build());
        assertEquals(201, body.status(), body.body());
        Api.Res title =
                staff.post(
                        PAGES,
                        Json.createObjectBuilder()
                                .add("title", "The " + w + " page")
                                .add("slug", "title-" + w)
                                .add("body", "<p>Other words.</p>")
                                .add("status", "published")
                                .build());
        assertEquals(201, title.status(), title.body());
        Api.Res r = search(api.fresh(), PAGES, w);
        assertEquals(List.of(title.id(), body.id()), ids(r), r.body());
        assertTrue(
                r.results()
                        .getJsonObject(1)
                        .getJsonObject("search")
                        .getString("headline")
                        .contains("<mark>" + w + "</mark>"));
    }

    @Test
    void oddQueries_areAnEmptyPageOrA400_neverA5xx(Api api) {
        Api anonymous = api.fresh();
        Api.Res none = search(anonymous, POSTS, word());
        assertEquals(200, none.status(), none.body());
        assertEquals(0, none.json().getInt("count"));
        assertEquals(0, none.results().size());

        for (String q : List.of("-", "or", "\"\"", "- or \"\" -", "!!! && ||", "-" + word(), "&")) {
            Api.Res r = search(anonymous, POSTS, q);
            assertEquals(200, r.status(), q + " -> " + r.body());
            assertEquals(0, r.json().getInt("count"), q + " -> " + r.body());
        }
        Api.Res tooLong = search(anonymous, POSTS, "a".repeat(10_000));
        assertEquals(400, tooLong.status(), tooLong.body());
        assertTrue(tooLong.contentType().startsWith("application/problem+json"));
        assertTrue(tooLong.json().getJsonObject("errors").containsKey("q"), tooLong.body());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) many.append(word()).append(' ');
        assertEquals(400, search(anonymous, POSTS, many.toString()).status());
        assertEquals(400, search(anonymous, PAGES, "b".repeat(1001)).status());
    }

    @Test
    void searches_areCountedInMetrics(Api api) {
        long before = io.ansaf.it.Gauges.read(api, "ansaf_searches_total");
        search(api.fresh(), POSTS, word());
        search(api.fresh(), PAGES, word());
        assertTrue(io.ansaf.it.Gauges.read(api, "ansaf_searches_total") >= before + 2);
    }

    @Test
    void aRankedList_hasAnEtagThatMovesWithItsItems(Api api) {
        Api staff = Users.staff(api);
        String w = word();
        long id = post(staff, "Tagged " + w, "", "<p>x</p>", "published");
        Api reader = api.fresh();
        Api.Res first = search(reader, POSTS, w);
        String etag = first.header("ETag").orElseThrow();
        assertEquals(304, reader.get(POSTS + "?q=" + w, Map.of("If-None-Match", etag)).status());
        assertEquals(
                200,
                staff.patch(
                                POSTS + id + "/",
                                Json.createObjectBuilder().add("excerpt", "new").build())
                        .status());
        Api.Res after = reader.get(POSTS + "?q=" + w, Map.of("If-None-Match", etag));
        assertEquals(200, after.status(), after.toString());
        assertNotEquals(etag, after.header("ETag").orElseThrow());
    }
}
