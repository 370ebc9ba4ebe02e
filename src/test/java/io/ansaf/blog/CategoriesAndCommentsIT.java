package io.ansaf.blog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Categories (staff write, everyone reads) and comments (moderated), over HTTP. */
@ExtendWith(SharedServer.class)
class CategoriesAndCommentsIT {
    static final String CATEGORIES = "/api/v1/blogs/categories/";
    static final String COMMENTS = "/api/v1/blogs/comments/";

    @Test
    void categories_areWrittenByStaffOnly_andReadByEveryone(Api api) {
        Api staff = Users.staff(api), user = Users.newUser(api), anonymous = api.fresh();
        JsonObject body =
                Json.createObjectBuilder()
                        .add("name", Users.unique("Travel"))
                        .add("description", "Trips")
                        .build();
        assertEquals(401, anonymous.post(CATEGORIES, body).status());
        assertEquals(403, user.post(CATEGORIES, body).status());
        Api.Res created = staff.post(CATEGORIES, body);
        assertEquals(201, created.status(), created.body());
        assertTrue(created.json().getString("slug").startsWith("travel-"));
        assertEquals(0, created.json().getInt("post_count"));
        String url = CATEGORIES + created.id() + "/";
        assertEquals(200, anonymous.get(url).status());
        assertTrue(
                anonymous
                        .get(
                                CATEGORIES
                                        + "?page_size=100&search="
                                        + body.getString("name").split(" ")[1])
                        .resultIds()
                        .contains(created.id()));
        JsonObject rename = Json.createObjectBuilder().add("description", "Journeys").build();
        assertEquals(403, user.patch(url, rename).status());
        assertEquals(200, staff.patch(url, rename).status());
        assertEquals(
                400,
                staff.post(
                                CATEGORIES,
                                Json.createObjectBuilder()
                                        .add("name", body.getString("name").toUpperCase())
                                        .build())
                        .status(),
                "names are unique without regard to case");
        assertEquals(400, anonymous.get(CATEGORIES + "?ordering=secret").status());
        assertEquals(403, user.delete(url).status());
        assertEquals(204, staff.delete(url).status());
        assertEquals(404, anonymous.get(url).status());
    }

    @Test
    void categoriesNamedInOtherScripts_getTransliteratedSlugs(Api api) {
        Api staff = Users.staff(api);
        String token = Users.unique("").trim();
        Api.Res tech =
                staff.post(
                        CATEGORIES,
                        Json.createObjectBuilder().add("name", "تقنية " + token).build());
        Api.Res sport =
                staff.post(
                        CATEGORIES,
                        Json.createObjectBuilder().add("name", "رياضة " + token).build());
        Api.Res news =
                staff.post(
                        CATEGORIES,
                        Json.createObjectBuilder().add("name", "Новости " + token).build());
        assertEquals(201, tech.status(), tech.body());
        assertEquals("tqnyt-" + token, tech.json().getString("slug"));
        assertEquals("ryadt-" + token, sport.json().getString("slug"));
        assertEquals("novosti-" + token, news.json().getString("slug"));
        Api.Res sameSlug =
                staff.post(
                        CATEGORIES,
                        Json.createObjectBuilder().add("name", "Новости! " + token).build());
        assertEquals(201, sameSlug.status(), sameSlug.body());
        assertEquals(
                "novosti-" + token + "-2",
                sameSlug.json().getString("slug"),
                "another name, the same words");
        Api.Res sent =
                staff.post(
                        CATEGORIES,
                        Json.createObjectBuilder()
                                .add("name", "Sport " + token)
                                .add("slug", "رياضة-" + token + "-2")
                                .build());
        assertEquals(201, sent.status(), sent.body());
        assertEquals(
                "ryadt-" + token + "-2",
                sent.json().getString("slug"),
                "a client-sent Arabic slug is transliterated");
        long post =
                staff.post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder()
                                        .add("title", "p")
                                        .add("category", tech.id())
                                        .add("status", "published")
                                        .build())
                        .id();
        assertEquals(
                List.of(post),
                api.fresh().get("/api/v1/blogs/posts/?category=tqnyt-" + token).resultIds(),
                "posts are filtered by the transliterated slug");
    }

    @Test
    void deletingACategory_keepsItsPostsWithoutOne(Api api) {
        Api staff = Users.staff(api);
        long cat =
                staff.post(
                                CATEGORIES,
                                Json.createObjectBuilder()
                                        .add("name", Users.unique("Gone"))
                                        .build())
                        .id();
        long post =
                staff.post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder()
                                        .add("title", "p")
                                        .add("category", cat)
                                        .add("status", "published")
                                        .build())
                        .id();
        assertEquals(204, staff.delete(CATEGORIES + cat + "/").status());
        Api.Res p = staff.get("/api/v1/blogs/posts/" + post + "/");
        assertEquals(200, p.status());
        assertTrue(p.json().isNull("category"));
        assertTrue(p.json().isNull("category_detail"));
    }

    @Test
    void comments_areModerated_andSanitizedStrictly(Api api) {
        Api staff = Users.staff(api),
                author = Users.newUser(api),
                commenter = Users.newUser(api),
                other = Users.newUser(api),
                anonymous = api.fresh();
        long post =
                author.post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("Commented"))
                                        .add("status", "published")
                                        .build())
                        .id();
        JsonObject body =
                Json.createObjectBuilder()
                        .add("post", post)
                        .add(
                                "body",
                                "<h1>Big</h1><strong>ok</strong> <a href=\"https://x.example\">link</a><script>alert(1)</script><img src=x onerror=alert(1)>")
                        .add("is_approved", true)
                        .build();
        assertEquals(401, anonymous.post(COMMENTS, body).status());
        Api.Res c = commenter.post(COMMENTS, body);
        assertEquals(201, c.status(), c.body());
        String html = c.json().getString("body");
        assertFalse(
                html.contains("<h1>")
                        || html.contains("<script")
                        || html.contains("<img")
                        || html.contains("onerror"),
                html);
        assertTrue(
                html.contains("<strong>ok</strong>") && html.contains("rel=\"nofollow noopener\""),
                html);
        assertFalse(c.json().getBoolean("is_approved"), "only staff approve");
        String url = COMMENTS + c.id() + "/";
        String ofPost = COMMENTS + "?post=" + post;
        assertEquals(0, anonymous.get(ofPost).json().getInt("count"));
        assertEquals(404, anonymous.get(url).status());
        assertEquals(200, commenter.get(url).status());
        assertEquals(1, commenter.get(ofPost).json().getInt("count"));
        assertEquals(
                0,
                api.fresh()
                        .get("/api/v1/blogs/posts/" + post + "/")
                        .json()
                        .getInt("comment_count"));

        assertEquals(
                404,
                other.patch(url, Json.createObjectBuilder().add("body", "hijack").build()).status(),
                "an unapproved comment is invisible to other users");
        Api.Res approvedByCommenter =
                commenter.patch(url, Json.createObjectBuilder().add("is_approved", true).build());
        assertFalse(approvedByCommenter.json().getBoolean("is_approved"));
        Api.Res approved =
                staff.patch(url, Json.createObjectBuilder().add("is_approved", true).build());
        assertTrue(approved.json().getBoolean("is_approved"));
        assertEquals(1, anonymous.get(ofPost).json().getInt("count"));
        assertEquals(200, anonymous.get(url).status());
        assertEquals(
                1,
                anonymous.get("/api/v1/blogs/posts/" + post + "/").json().getInt("comment_count"));

        assertEquals(
                403,
                other.patch(url, Json.createObjectBuilder().add("body", "hijack").build())
                        .status());
        assertEquals(403, other.delete(url).status());
        assertEquals(204, commenter.delete(url).status());
        assertEquals(404, anonymous.get(url).status());
        assertEquals(0, anonymous.get(ofPost).json().getInt("count"));
    }

    @Test
    void comments_onPostsTheCallerCannotSee_areRefused(Api api) {
        Api author = Users.newUser(api), other = Users.newUser(api);
        long draft =
                author.post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("Secret"))
                                        .build())
                        .id();
        Api.Res r =
                other.post(
                        COMMENTS,
                        Json.createObjectBuilder().add("post", draft).add("body", "hi").build());
        assertEquals(400, r.status(), r.body());
        assertTrue(r.json().getJsonObject("errors").containsKey("post"));
        Api.Res missing = other.post(COMMENTS, Json.createObjectBuilder().build());
        assertTrue(
                missing.json().getJsonObject("errors").containsKey("post")
                        && missing.json().getJsonObject("errors").containsKey("body"));
        assertEquals(400, other.get(COMMENTS + "?post=abc").status());
    }
}
