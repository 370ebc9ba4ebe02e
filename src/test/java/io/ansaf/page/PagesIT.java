package io.ansaf.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.SharedServer;
import io.ansaf.it.Users;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pages: staff-only management, lookup by slug, redirects from old slugs. */
@ExtendWith(SharedServer.class)
class PagesIT {
    static final String PAGES = "/api/v1/pages/";

    @Test
    void pages_areManagedByStaffOnly_andDraftsStayHidden(Api api) {
        Api staff = Users.staff(api), user = Users.newUser(api), anonymous = api.fresh();
        JsonObject body =
                Json.createObjectBuilder()
                        .add("title", Users.unique("About Us"))
                        .add("body", "<p>Hi</p><script>x</script>")
                        .build();
        assertEquals(401, anonymous.post(PAGES, body).status());
        assertEquals(403, user.post(PAGES, body).status());
        Api.Res created = staff.post(PAGES, body);
        assertEquals(201, created.status(), created.body());
        String slug = created.json().getString("slug");
        assertTrue(slug.startsWith("about-us-"), slug);
        assertEquals("draft", created.json().getString("status"));
        assertFalse(created.json().getString("body").contains("script"));
        assertTrue(created.header("Location").orElse("").endsWith(PAGES + slug + "/"));
        assertEquals(404, anonymous.get(PAGES + slug + "/").status());
        assertEquals(404, user.get(PAGES + slug + "/").status());
        assertFalse(anonymous.get(PAGES + "?page_size=100").body().contains(slug));
        assertTrue(staff.get(PAGES + "?page_size=100&status=draft").body().contains(slug));

        JsonObject publish = Json.createObjectBuilder().add("status", "published").build();
        assertEquals(403, user.patch(PAGES + slug + "/", publish).status());
        Api.Res published = staff.patch(PAGES + slug + "/", publish);
        assertEquals(200, published.status(), published.body());
        assertTrue(
                published.json().get("published_at").getValueType() == JsonValue.ValueType.STRING);
        assertEquals(200, anonymous.get(PAGES + slug + "/").status());
        assertTrue(anonymous.get(PAGES + "?page_size=100").body().contains(slug));
        assertEquals(403, user.delete(PAGES + slug + "/").status());
        assertEquals(204, staff.delete(PAGES + slug + "/").status());
        assertEquals(404, anonymous.get(PAGES + slug + "/").status());
    }

    @Test
    void deletedPage_isListedForStaffAndRestoredBySlug(Api api) {
        Api staff = Users.staff(api), user = Users.newUser(api), anonymous = api.fresh();
        String slug =
                staff.post(
                                PAGES,
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("Trash Me"))
                                        .add("status", "published")
                                        .build())
                        .json()
                        .getString("slug");
        assertEquals(409, staff.post(PAGES + slug + "/restore/", null).status());
        assertEquals(204, staff.delete(PAGES + slug + "/").status());
        assertTrue(staff.get(PAGES + "?status=deleted&page_size=100").body().contains(slug));
        assertEquals(403, user.post(PAGES + slug + "/restore/", null).status());
        assertEquals(401, anonymous.post(PAGES + slug + "/restore/", null).status());

        Api.Res restored = staff.post(PAGES + slug + "/restore/", null);
        assertEquals(200, restored.status(), restored.body());
        assertEquals(slug, restored.json().getString("slug"));
        assertEquals("published", restored.json().getString("status"));
        assertEquals(200, anonymous.get(PAGES + slug + "/").status());
        assertFalse(staff.get(PAGES + "?status=deleted&page_size=100").body().contains(slug));
    }

    @Test
    void changingASlug_redirectsTheOldOne(Api api) {
        Api staff = Users.staff(api), anonymous = api.fresh();
        String slug =
                staff.post(
                                PAGES,
                                Json.createObjectBuilder()
                                        .add("title", Users.unique("Old Name"))
                                        .add("status", "published")
                                        .build())
                        .json()
                        .getString("slug");
        String renamed = slug.replace("old-name", "new-name");
        Api.Res r =
                staff.patch(
                        PAGES + slug + "/",
                        Json.createObjectBuilder().add("slug", renamed).build());
        assertEquals(200, r.status(), r.body());
        Api.Res old = anonymous.get(PAGES + slug + "/");
        assertEquals(301, old.status());
        assertTrue(
                old.header("Location").orElse("").endsWith(PAGES + renamed + "/"),
                old.headers().toString());
        assertEquals(200, anonymous.get(PAGES + renamed + "/").status());
        Api.Res taken =
                staff.post(
                        PAGES,
                        Json.createObjectBuilder().add("title", "x").add("slug", renamed).build());
        assertEquals(400, taken.status());
        assertEquals(
                400,
                staff.post(
                                PAGES,
                                Json.createObjectBuilder()
                                        .add("title", "x")
                                        .add("status", "archived")
                                        .build())
                        .status(),
                "pages are draft or published");
    }

    @Test
    void pageWithAnArabicTitle_getsATransliteratedSlug_andIsFoundByIt(Api api) {
        Api staff = Users.staff(api), anonymous = api.fresh();
        String token = Users.unique("").trim();
        String title = "من نحن " + token;
        Api.Res created =
                staff.post(
                        PAGES,
                        Json.createObjectBuilder()
                                .add("title", title)
                                .add("status", "published")
                                .build());
        assertEquals(201, created.status(), created.body());
        String slug = created.json().getString("slug");
        assertEquals("mn-nhn-" + token, slug);
        assertTrue(
                created.header("Location").orElse("").endsWith(PAGES + slug + "/"),
                created.headers().toString());
        Api.Res read = anonymous.get(PAGES + slug + "/");
        assertEquals(200, read.status(), read.body());
        assertEquals(title, read.json().getString("title"));
        Api.Res same = staff.post(PAGES, Json.createObjectBuilder().add("title", title).build());
        assertEquals(slug + "-2", same.json().getString("slug"), "collisions still get -2");
        Api.Res byArabic =
                anonymous.get(
                        PAGES + URLEncoder.encode("من-نحن-" + token, StandardCharsets.UTF_8) + "/");
        assertEquals(404, byArabic.status(), "an ASCII site has no page under the Arabic words");
        assertTrue(
                byArabic.contentType().startsWith("application/problem+json"),
                byArabic.contentType());
    }

    @Test
    void clientSentArabicSlug_isTransliterated_andTheOldSlugRedirects(Api api) {
        Api staff = Users.staff(api), anonymous = api.fresh();
        String token = Users.unique("").trim();
        Api.Res created =
                staff.post(
                        PAGES,
                        Json.createObjectBuilder()
                                .add("title", "Привет мир " + token)
                                .add("status", "published")
                                .build());
        String slug = created.json().getString("slug");
        assertEquals("privet-mir-" + token, slug);
        Api.Res renamed =
                staff.patch(
                        PAGES + slug + "/",
                        Json.createObjectBuilder().add("slug", "مرحبا-بالعالم-" + token).build());
        assertEquals(200, renamed.status(), renamed.body());
        String arabic = "mrhba-balalm-" + token;
        assertEquals(arabic, renamed.json().getString("slug"));
        assertEquals(200, anonymous.get(PAGES + arabic + "/").status());
        Api.Res old = anonymous.get(PAGES + slug + "/");
        assertEquals(301, old.status());
        assertTrue(
                old.header("Location").orElse("").endsWith(PAGES + arabic + "/"),
                old.headers().toString());
        Api.Res unchanged =
                staff.patch(
                        PAGES + arabic + "/",
                        Json.createObjectBuilder().add("slug", "مرحبا-بالعالم-" + token).build());
        assertEquals(
                200,
                unchanged.status(),
                "the same slug again: nothing to rename, no redirect to itself");
        assertEquals(200, anonymous.get(PAGES + arabic + "/").status());
        Api.Res taken =
                staff.post(
                        PAGES,
                        Json.createObjectBuilder()
                                .add("title", "x")
                                .add("slug", "مرحبا-بالعالم-" + token)
                                .build());
        assertEquals(400, taken.status());
    }
}
