package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Validators that never go stale (CONTRACT.md, "Optimistic locking and caching"): an item's {@code
 * ETag} and {@code Last-Modified} move with everything its representation shows (the author's
 * username, the category, the counts), seen by an anonymous client that keeps what it fetched and
 * revalidates, while {@code If-Match} is still judged on the item's own version.
 */
@ExtendWith(SharedServer.class)
class EmbeddedValidatorsIT {
    private static final String POSTS = "/api/v1/blogs/posts/";
    private static final String CATEGORIES = "/api/v1/blogs/categories/";
    private static final String COMMENTS = "/api/v1/blogs/comments/";

    /** What a revalidating client holds: the validators it was served and the body. */
    record Held(String url, String etag, String lastModified, JsonObject body) {
        static Held of(Api reader, String url) {
            Api.Res r = reader.get(url);
            assertEquals(200, r.status(), url + ": " + r);
            return new Held(
                    url,
                    r.header("ETag").orElseThrow(),
                    r.header("Last-Modified").orElseThrow(),
                    r.json());
        }
    }

    /**
     * After {@code change}, both the old ETag and the old Last-Modified get a {@code 200} whose
     * body shows {@code expected} (read by {@code field}). The change waits for the next second, as
     * HTTP-dates have whole seconds.
     */
    static void revalidatesTo(
            Api reader,
            Held held,
            Runnable change,
            Function<JsonObject, Object> field,
            Object expected) {
        awaitNextSecond(held.lastModified());
        change.run();
        Api.Res byTag = reader.get(held.url(), Map.of("If-None-Match", held.etag()));
        assertEquals(
                200,
                byTag.status(),
                held.url() + " with the old ETag " + held.etag() + ": " + byTag);
        assertEquals(expected, field.apply(byTag.json()), byTag.body());
        assertNotEquals(held.etag(), byTag.header("ETag").orElse(null));
        Api.Res byDate = reader.get(held.url(), Map.of("If-Modified-Since", held.lastModified()));
        assertEquals(
                200,
                byDate.status(),
                held.url() + " with the old Last-Modified " + held.lastModified() + ": " + byDate);
        assertEquals(expected, field.apply(byDate.json()), byDate.body());
    }

    private static void awaitNextSecond(String httpDate) {
        Instant after = EntityTags.parseHttpDate(httpDate).orElseThrow().plusSeconds(1);
        try {
            while (Instant.now().isBefore(after))
                Thread.sleep(Math.max(1, after.toEpochMilli() - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long category(Api staff) {
        return staff.post(
                        CATEGORIES,
                        Json.createObjectBuilder().add("name", Users.unique("cat")).build())
                .id();
    }

    static long post(Api author, Long category) {
        var b =
                Json.createObjectBuilder()
                        .add("title", Users.unique("post"))
                        .add("status", "published");
        if (category != null) b.add("category", category);
        Api.Res r = author.post(POSTS, b.build());
        assertEquals(201, r.status(), r.body());
        return r.id();
    }

    static long comment(Api author, long post, boolean approved) {
        Api.Res r =
                author.post(
                        COMMENTS,
                        Json.createObjectBuilder().add("post", post).add("body", "hello").build());
        assertEquals(201, r.status(), r.body());
        if (approved) {
            assertEquals(
                    200,
                    Users.staff(author)
                            .patch(
                                    COMMENTS + r.id() + "/",
                                    Json.createObjectBuilder().add("is_approved", true).build())
                            .status());
        }
        return r.id();
    }

    /** A new user, logged in, and its id. */
    record Member(Api api, long id) {}

    static Member member(Api api, boolean staff) {
        Api m = staff ? Users.newStaff(api) : Users.newUser(api);
        return new Member(m, m.get("/api/v1/auth/me/").json().getJsonNumber("id").longValue());
    }

    static void rename(Api api, long userId) {
        String name = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Api.Res r =
                Users.staff(api)
                        .patch(
                                "/api/v1/auth/users/" + userId + "/",
                                Json.createObjectBuilder().add("username", name).build());
        assertEquals(200, r.status(), r.body());
    }

    static String username(Api api, long userId) {
        return Users.staff(api)
                .get("/api/v1/auth/users/" + userId + "/")
                .json()
                .getString("username");
    }

    @Test
    void categoryRenamed_postInItRevalidatesToTheNewName(Api api) {
        Api staff = Users.staff(api);
        long cat = category(staff);
        Held held = Held.of(api.fresh(), POSTS + post(staff, cat) + "/");
        String name = Users.unique("renamed");
        revalidatesTo(
                api.fresh(),
                held,
                () ->
                        assertEquals(
                                200,
                                staff.patch(
                                                CATEGORIES + cat + "/",
                                                Json.createObjectBuilder()
                                                        .add("name", name)
                                                        .build())
                                        .status()),
                b -> b.getJsonObject("category_detail").getString("name"),
                name);
    }

    @Test
    void commentApproved_itsPostRevalidatesToTheHigherCount(Api api) {
        Api staff = Users.staff(api);
        long post = post(staff, null);
        Held held = Held.of(api.fresh(), POSTS + post + "/");
        revalidatesTo(
                api.fresh(),
                held,
                () -> comment(Users.newUser(api), post, true),
                b -> b.getInt("comment_count"),
                1);
    }

    @Test
    void userRenamed_theirPostCommentAndCommentListRevalidateToTheNewName(Api api) {
        Member writer = member(api, false);
        long post = post(writer.api(), null);
        long comment = comment(writer.api(), post, true);
        Api reader = api.fresh();
        Held postHeld = Held.of(reader, POSTS + post + "/");
        Held commentHeld = Held.of(reader, COMMENTS + comment + "/");
        Api.Res list = reader.get(COMMENTS + "?post=" + post);
        String listTag = list.header("ETag").orElseThrow();

        awaitNextSecond(commentHeld.lastModified());
        rename(api, writer.id());
        String name = username(api, writer.id());
        for (Held held : new Held[] {postHeld, commentHeld}) {
            revalidatesTo(
                    reader,
                    held,
                    () -> {},
                    b -> b.getJsonObject("author").getString("username"),
                    name);
        }
        Api.Res again = reader.get(COMMENTS + "?post=" + post, Map.of("If-None-Match", listTag));
        assertEquals(200, again.status(), "comment list with the old ETag: " + again);
        assertEquals(
                name,
                again.results().getJsonObject(0).getJsonObject("author").getString("username"));
    }

    @Test
    void pageAuthorRenamed_pageRevalidatesToTheNewName(Api api) {
        Member editor = member(api, true);
        String slug =
                editor.api()
                        .post(
                                "/api/v1/pages/",
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("page"))
                                        .add("status", "published")
                                        .build())
                        .json()
                        .getString("slug");
        Api reader = api.fresh();
        Held held = Held.of(reader, "/api/v1/pages/" + slug + "/");
        awaitNextSecond(held.lastModified());
        rename(api, editor.id());
        revalidatesTo(
                reader,
                held,
                () -> {},
                b -> b.getJsonObject("author").getString("username"),
                username(api, editor.id()));
    }

    @Test
    void postPublishedInACategory_categoryRevalidatesToTheHigherPostCount(Api api) {
        Api staff = Users.staff(api);
        long cat = category(staff);
        Held held = Held.of(api.fresh(), CATEGORIES + cat + "/");
        revalidatesTo(
                api.fresh(),
                held,
                () -> post(staff, cat),
                b -> b.getInt("post_count"),
                held.body().getInt("post_count") + 1);
    }

    @Test
    void unrelatedChange_anotherPostEdited_stillAnswers304(Api api) {
        Api staff = Users.staff(api);
        long first = post(staff, null);
        long other = post(staff, null);
        Api reader = api.fresh();
        Held held = Held.of(reader, POSTS + first + "/");
        assertEquals(
                200,
                staff.patch(
                                POSTS + other + "/",
                                Json.createObjectBuilder().add("excerpt", "edited").build())
                        .status());
        assertEquals(304, reader.get(held.url(), Map.of("If-None-Match", held.etag())).status());
        assertEquals(
                304,
                reader.get(held.url(), Map.of("If-Modified-Since", held.lastModified())).status());
    }

    @Test
    void ifMatch_servedBeforeACategoryRename_stillSaves_butNotAfterThePostChanged(Api api) {
        Api staff = Users.staff(api);
        long cat = category(staff);
        long post = post(staff, cat);
        String url = POSTS + post + "/";
        String before = staff.get(url).header("ETag").orElseThrow();
        assertEquals(
                200,
                staff.patch(
                                CATEGORIES + cat + "/",
                                Json.createObjectBuilder()
                                        .add("name", Users.unique("renamed"))
                                        .build())
                        .status());
        assertNotEquals(
                before,
                staff.get(url).header("ETag").orElseThrow(),
                "the rename moved the post's ETag");
        Api.Res saved =
                staff.patch(
                        url,
                        Json.createObjectBuilder().add("excerpt", "mine").build(),
                        Map.of("If-Match", before));
        assertEquals(200, saved.status(), "no false conflict: " + saved);
        Api.Res stale =
                staff.patch(
                        url,
                        Json.createObjectBuilder().add("excerpt", "again").build(),
                        Map.of("If-Match", before));
        assertEquals(409, stale.status(), stale.body());
        assertEquals(2, stale.json().getInt("current_version"));
    }
}
