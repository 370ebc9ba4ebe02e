package io.ansaf.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 14's item 5: the rules that keep a content API from being abused by its own users. */
@ExtendWith(SharedServer.class)
class AbuseRulesIT {
    private static final String POSTS = "/api/v1/blogs/posts/";
    private static final String COMMENTS = "/api/v1/blogs/comments/";

    @Test
    void search_isBoundedTo32WordsOf200Characters(Api api) {
        String many = String.join("+", java.util.Collections.nCopies(33, "w"));
        Api.Res tooMany = api.get(POSTS + "?search=" + many);
        assertEquals(400, tooMany.status(), tooMany.body());
        assertTrue(tooMany.json().getJsonObject("errors").containsKey("search"), tooMany.body());
        Api.Res tooLong = api.get(COMMENTS + "?search=" + "x".repeat(201));
        assertEquals(400, tooLong.status(), tooLong.body());
        assertEquals(
                200,
                api.get(
                                POSTS
                                        + "?search="
                                        + String.join("+", java.util.Collections.nCopies(32, "w")))
                        .status());
        assertEquals(200, api.get(POSTS + "?search=" + "x".repeat(200)).status());
    }

    @Test
    void unknownAuthor_answersLikeAKnownOneWithoutPosts(Api api) {
        Api nobody = Users.newUser(api);
        String known = nobody.get("/api/v1/auth/me/").json().getString("username");
        Api.Res ofKnown = api.get(POSTS + "?author=" + known);
        Api.Res ofUnknown =
                api.get(POSTS + "?author=nobody" + UUID.randomUUID().toString().substring(0, 8));
        assertEquals(200, ofKnown.status(), ofKnown.body());
        assertEquals(200, ofUnknown.status(), ofUnknown.body());
        assertEquals(0, ofUnknown.json().getInt("count"));
        assertEquals(ofKnown.json().getInt("count"), ofUnknown.json().getInt("count"));
        assertEquals(200, api.get(POSTS + "?author=999999999").status());
    }

    @Test
    void nonStaffEditOfAnApprovedComment_makesItPendingAgain(Api api) {
        Api staff = Users.staff(api);
        long post =
                staff.post(
                                POSTS,
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("moderated"))
                                        .add("status", "published")
                                        .build())
                        .id();
        Api author = Users.newUser(api);
        long comment =
                author.post(
                                COMMENTS,
                                Json.createObjectBuilder()
                                        .add("post", post)
                                        .add("body", "first")
                                        .build())
                        .id();
        String url = COMMENTS + comment + "/";
        assertTrue(
                staff.patch(url, Json.createObjectBuilder().add("is_approved", true).build())
                        .json()
                        .getBoolean("is_approved"));
        assertTrue(api.fresh().get(url).status() == 200, "approved: public");

        Api.Res edited =
                author.patch(
                        url,
                        Json.createObjectBuilder().add("body", "edited after approval").build());
        assertEquals(200, edited.status(), edited.body());
        assertFalse(edited.json().getBoolean("is_approved"), "back to moderation");
        assertEquals(404, api.fresh().get(url).status(), "no longer public");
        Api.Res byStaff =
                staff.patch(
                        url,
                        Json.createObjectBuilder()
                                .add("body", "tidied by staff")
                                .add("is_approved", true)
                                .build());
        assertTrue(byStaff.json().getBoolean("is_approved"), "a staff edit keeps it approved");
    }

    @Test
    void passwordChange_endsEveryOtherSessionOfThatUser(Api api) {
        String name = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Api staff = Users.staff(api);
        Api.Res created =
                staff.post(
                        "/api/v1/auth/users/",
                        Json.createObjectBuilder()
                                .add("username", name)
                                .add("password", "password-" + name)
                                .add("is_staff", true)
                                .build());
        assertEquals(201, created.status(), created.body());
        long id = created.id();
        Api first = api.fresh().login(name, "password-" + name);
        Api second = api.fresh().login(name, "password-" + name);
        assertEquals(200, second.get("/api/v1/auth/me/").status());

        // The user changes their own password: this session stays, the other one ends.
        Api.Res changed =
                first.patch(
                        "/api/v1/auth/users/" + id + "/",
                        Json.createObjectBuilder().add("password", "new-password-" + name).build());
        assertEquals(200, changed.status(), changed.body());
        assertEquals(
                200, first.get("/api/v1/auth/me/").status(), "the session that changed it stays");
        assertEquals(401, second.get("/api/v1/auth/me/").status(), "every other session ends");

        // Staff resets it: every session of the user ends.
        assertEquals(
                200,
                staff.patch(
                                "/api/v1/auth/users/" + id + "/",
                                Json.createObjectBuilder()
                                        .add("password", "third-password-" + name)
                                        .build())
                        .status());
        assertEquals(401, first.get("/api/v1/auth/me/").status());
        assertEquals(200, staff.get("/api/v1/auth/me/").status(), "staff's own session untouched");
    }
}
