package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.Api;
import io.ansaf.it.OpenApiContract;
import io.ansaf.it.SharedServer;
import io.ansaf.it.TestAdmin;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The served OpenAPI document is one that client generators accept as it is: swagger-parser (the
 * parser openapi-generator validates with) reports nothing, and the properties strict tools check
 * hold for every operation: security declared, every response described, every error a problem
 * body, every JSON body a named input schema.
 */
@ExtendWith(SharedServer.class)
class OpenApiIT {
    private static final Set<String> PUBLIC_READS =
            Set.of(
                    "/api/v1/auth/csrf/",
                    "/api/v1/blogs/posts/",
                    "/api/v1/blogs/posts/{id}/",
                    "/api/v1/blogs/categories/",
                    "/api/v1/blogs/categories/{id}/",
                    "/api/v1/blogs/comments/",
                    "/api/v1/blogs/comments/{id}/",
                    "/api/v1/pages/",
                    "/api/v1/pages/{slug}/",
                    "/api/v1/changes/");

    private static String text;
    private static SwaggerParseResult parsed;

    @BeforeAll
    static void load(Api api) {
        Api.Res res = api.get("/openapi", Map.of("Accept", "application/json"));
        assertEquals(200, res.status(), res.body());
        text = res.body();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        parsed = new OpenAPIParser().readContents(text, null, options);
    }

    @Test
    void servedDocument_passesSwaggerParser_withNoMessages() {
        assertNotNull(parsed.getOpenAPI(), String.valueOf(parsed.getMessages()));
        assertEquals(List.of(), parsed.getMessages());
    }

    @Test
    void servedDocument_hasNoPayaraEndpoints_uniqueDescribedTags_andRelativeServer() {
        OpenAPI doc = parsed.getOpenAPI();
        assertFalse(text.contains("\"endpoints\""), "Payara's root endpoints map is not OpenAPI");
        List<String> names = doc.getTags().stream().map(t -> t.getName()).toList();
        assertEquals(Set.copyOf(names).size(), names.size(), names.toString());
        doc.getTags().forEach(t -> assertNotNull(t.getDescription(), t.getName()));
        assertEquals("/", doc.getServers().get(0).getUrl());
        assertEquals(
                Set.of("session", "csrf", "csrfCookie"),
                doc.getComponents().getSecuritySchemes().keySet());
    }

    /**
     * What a write must send: the session and the token; login, before any session, the token and
     * the CSRF cookie it stands for.
     */
    private static Set<String> writeNeeds(String path) {
        return path.equals("/api/v1/auth/login/")
                ? Set.of("csrf", "csrfCookie")
                : Set.of("session", "csrf");
    }

    @Test
    void everyOperation_declaresSecurity_describesResponses_andDocumentsProblems() {
        List<String> wrong = new ArrayList<>();
        parsed.getOpenAPI()
                .getPaths()
                .forEach(
                        (path, item) ->
                                item.readOperationsMap()
                                        .forEach(
                                                (method, op) -> {
                                                    String where = method + " " + path;
                                                    boolean unsafe =
                                                            method != PathItem.HttpMethod.GET
                                                                    && method
                                                                            != PathItem.HttpMethod
                                                                                    .HEAD;
                                                    if (op.getSecurity() == null
                                                            || op.getSecurity().isEmpty())
                                                        wrong.add(where + ": no security");
                                                    else if (unsafe
                                                            && !op.getSecurity()
                                                                    .get(0)
                                                                    .keySet()
                                                                    .containsAll(
                                                                            writeNeeds(path))) {
                                                        wrong.add(
                                                                where
                                                                        + ": a write without "
                                                                        + writeNeeds(path));
                                                    } else if (!unsafe
                                                            && PUBLIC_READS.contains(path)
                                                                    != op.getSecurity()
                                                                            .get(0)
                                                                            .isEmpty()) {
                                                        wrong.add(
                                                                where
                                                                        + ": public read or not: "
                                                                        + op.getSecurity());
                                                    }
                                                    op.getResponses()
                                                            .forEach(
                                                                    (code, r) -> {
                                                                        if (r.getDescription()
                                                                                        == null
                                                                                || r.getDescription()
                                                                                        .isBlank())
                                                                            wrong.add(
                                                                                    where
                                                                                            + " "
                                                                                            + code
                                                                                            + ": no description");
                                                                        if (code.startsWith("4")
                                                                                && !problem(r))
                                                                            wrong.add(
                                                                                    where
                                                                                            + " "
                                                                                            + code
                                                                                            + ": not a problem+json schema");
                                                                    });
                                                    if (unsafe
                                                            && !op.getResponses()
                                                                    .containsKey("403"))
                                                        wrong.add(where + ": no 403");
                                                    if (op.getRequestBody() != null) {
                                                        Schema<?> body =
                                                                op.getRequestBody()
                                                                        .getContent()
                                                                        .get("application/json")
                                                                        .getSchema();
                                                        String expected =
                                                                method == PathItem.HttpMethod.PATCH
                                                                        ? "Patch"
                                                                        : "Input";
                                                        if (body.get$ref() == null
                                                                || !body.get$ref()
                                                                        .endsWith(expected))
                                                            wrong.add(where + ": body " + body);
                                                    }
                                                    for (Parameter p :
                                                            op.getParameters() == null
                                                                    ? List.<Parameter>of()
                                                                    : op.getParameters()) {
                                                        Schema<?> s = p.getSchema();
                                                        if (s.getMultipleOf() != null
                                                                || s.getMaxItems() != null
                                                                || s.getMinItems() != null
                                                                || s.getMaxLength() != null) {
                                                            wrong.add(
                                                                    where
                                                                            + " "
                                                                            + p.getName()
                                                                            + ": annotation defaults in "
                                                                            + s);
                                                        }
                                                    }
                                                }));
        assertEquals(List.of(), wrong);
    }

    @Test
    void listParameters_sayTheirRanges_andOrderingNamesItsFields() {
        Operation list = parsed.getOpenAPI().getPaths().get("/api/v1/blogs/posts/").getGet();
        Map<String, Schema<?>> params = new java.util.HashMap<>();
        Map<String, String> descriptions = new java.util.HashMap<>();
        list.getParameters()
                .forEach(
                        p -> {
                            params.put(p.getName(), p.getSchema());
                            descriptions.put(p.getName(), p.getDescription());
                        });
        String page = params.get("page").getPattern();
        assertTrue("1".matches(page) && "20".matches(page) && "last".matches(page), page);
        assertFalse("0".matches(page) || "-1".matches(page) || "first".matches(page), page);
        // DRF clamps page_size to max_page_size: a larger one is not refused, so no maximum.
        assertEquals(null, params.get("page_size").getMaximum());
        assertTrue(
                descriptions.get("page_size").contains("at most 100"),
                descriptions.get("page_size"));
        String ordering = params.get("ordering").getPattern();
        assertTrue(
                "-published_at,title".matches(ordering.substring(1, ordering.length() - 1)),
                ordering);
        assertFalse("-password".matches(ordering.substring(1, ordering.length() - 1)), ordering);
    }

    @Test
    void schemas_takeBeanValidationConstraints_andViewsAreNullableOnlyWhereNull() {
        Map<String, Schema> schemas = parsed.getOpenAPI().getComponents().getSchemas();
        Schema<?> input = schemas.get("PostInput");
        assertEquals(List.of("title"), input.getRequired());
        Schema<?> title = (Schema<?>) input.getProperties().get("title");
        assertEquals(1, title.getMinLength());
        assertEquals(200, title.getMaxLength());
        assertEquals(
                List.of("draft", "published", "archived"),
                ((Schema<?>) input.getProperties().get("status")).getEnum());
        assertTrue(
                schemas.get("PostPatch").getRequired() == null
                        || schemas.get("PostPatch").getRequired().isEmpty());
        Schema<?> view = schemas.get("PostView");
        assertTrue(((Schema<?>) view.getProperties().get("title")).getNullable() == null);
        assertTrue(((Schema<?>) view.getProperties().get("slug")).getNullable() == null);
        assertEquals(
                Boolean.TRUE, ((Schema<?>) view.getProperties().get("published_at")).getNullable());
        Schema<?> id = (Schema<?>) input.getProperties().get("id");
        assertEquals(
                Boolean.TRUE,
                id.getReadOnly(),
                "read-only keys are named, so additionalProperties: false stays true");
        assertEquals(Boolean.FALSE, input.getAdditionalProperties());
    }

    @Test
    void patterns_areEcma262_withoutTheUnicodeFlag() {
        // Java's \p{Ll} means "p{Ll}" to a JavaScript RegExp without the u flag, and generators
        // reject it.
        assertFalse(
                text.contains("\\p{") || text.contains("\\P{"),
                "a Unicode property class in a pattern");
        Schema<?> slug =
                (Schema<?>)
                        parsed.getOpenAPI()
                                .getComponents()
                                .getSchemas()
                                .get("PostInput")
                                .getProperties()
                                .get("slug");
        assertEquals(null, slug.getPattern());
        assertEquals(220, slug.getMaxLength());
    }

    @Test
    void mainFlows_requestsAndResponses_matchTheDocument(Api api) {
        OpenApiContract contract = new OpenApiContract(text);
        Api anonymous = api.fresh().observedBy(contract);
        Api staff = anonymous.fresh().login(TestAdmin.USERNAME, TestAdmin.PASSWORD);
        String unique = Long.toString(System.nanoTime(), 36);

        staff.get("/api/v1/auth/me/");
        Api.Res category =
                staff.post(
                        "/api/v1/blogs/categories/",
                        Json.createObjectBuilder()
                                .add("name", "Contract " + unique)
                                .add("description", "checked")
                                .build());
        assertEquals(201, category.status(), category.body());
        Api.Res created =
                staff.post(
                        "/api/v1/blogs/posts/",
                        Json.createObjectBuilder()
                                .add("title", "Contract " + unique)
                                .add("body", "<p>Hello</p>")
                                .add("status", "published")
                                .add("category", category.id())
                                .build());
        assertEquals(201, created.status(), created.body());
        String post = "/api/v1/blogs/posts/" + created.id() + "/";
        String etag = created.header("ETag").orElseThrow();
        assertEquals(304, staff.get(post, Map.of("If-None-Match", etag)).status());
        Api.Res changed =
                staff.patch(
                        post,
                        Json.createObjectBuilder().add("excerpt", "Short").build(),
                        Map.of("If-Match", etag));
        assertEquals(200, changed.status(), changed.body());
        assertEquals(
                409,
                staff.patch(
                                post,
                                Json.createObjectBuilder().add("excerpt", "Stale").build(),
                                Map.of("If-Match", etag))
                        .status());
        // A DRF client sends a representation back whole: its read-only keys are accepted and
        // ignored.
        Api.Res sentBack =
                staff.put(
                        post,
                        Json.createObjectBuilder(changed.json())
                                .add("excerpt", "Sent back")
                                .build(),
                        Map.of("If-Match", changed.header("ETag").orElseThrow()));
        assertEquals(200, sentBack.status(), sentBack.body());
        assertEquals(changed.json().getInt("version") + 1, sentBack.json().getInt("version"));
        assertEquals(
                400,
                staff.patch(post, Json.createObjectBuilder().add("title", "").build()).status());
        assertEquals(
                400,
                staff.post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder().add("status", "nope").build())
                        .status());
        Api.Res comment =
                staff.post(
                        "/api/v1/blogs/comments/",
                        Json.createObjectBuilder()
                                .add("post", created.id())
                                .add("body", "Nice")
                                .build());
        assertEquals(201, comment.status(), comment.body());
        staff.get("/api/v1/blogs/comments/?post=" + created.id());
        Api.Res page =
                staff.post(
                        "/api/v1/pages/",
                        Json.createObjectBuilder().add("title", "Contract " + unique).build());
        assertEquals(201, page.status(), page.body());
        staff.get("/api/v1/pages/" + page.json().getString("slug") + "/");
        staff.get("/api/v1/auth/users/?page_size=5");

        anonymous.get("/api/v1/blogs/posts/?page_size=5&ordering=-updated_at,title");
        anonymous.get(post);
        anonymous.get("/api/v1/blogs/categories/" + category.id() + "/");
        anonymous.get("/api/v1/pages/");
        assertEquals(404, anonymous.get("/api/v1/blogs/posts/999999999/").status());
        assertEquals(400, anonymous.get("/api/v1/blogs/posts/?ordering=password").status());
        assertEquals(401, anonymous.get("/api/v1/auth/me/").status());
        assertEquals(
                401,
                anonymous
                        .post(
                                "/api/v1/blogs/posts/",
                                Json.createObjectBuilder().add("title", "x").build())
                        .status());

        assertEquals(204, staff.delete(post).status());
        assertEquals(204, staff.post("/api/v1/auth/logout/", null).status());
        assertEquals(List.of(), contract.violations());
    }

    private static boolean problem(ApiResponse r) {
        if (r.getContent() == null) return false;
        var media = r.getContent().get("application/problem+json");
        return media != null && media.getSchema() != null && media.getSchema().get$ref() != null;
    }
}
