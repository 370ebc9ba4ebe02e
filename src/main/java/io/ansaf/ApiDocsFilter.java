package io.ansaf;

import io.ansaf.http.PageRequest;
import io.ansaf.http.Problems;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Completes the generated OpenAPI document with what every operation shares, so resources need not
 * repeat it, and removes what Payara's scanner writes that OpenAPI does not allow, so that client
 * generators and strict validators accept the document without switches:
 *
 * <ul>
 *   <li>our record schemas ({@link RecordSchemas}) replace the scanner's, and every JSON request
 *       body references its input (the {@code PATCH} one its all-optional {@code …Patch} twin);
 *   <li>{@code security} on every operation: the session cookie and the CSRF token on unsafe
 *       methods, the session on staff and "me" reads, and an optional session on the public reads
 *       (a caller's session widens what they see);
 *   <li>{@code If-None-Match} and 304 on reads, {@code If-Match} with 409/428 on writes to one
 *       resource, and a problem+json schema on every error response;
 *   <li>unique tags, a description on every response, relative {@code servers} (or {@code
 *       ANSAF_PUBLIC_URL}), and no root {@code endpoints} (Payara's own listing);
 *   <li>parameter schemas without the annotation defaults Payara copies into them ({@code
 *       multipleOf: 0}, {@code maxItems: -2147483648}, ...), integer path ids, a {@code page_size}
 *       that says it is clamped (not refused) past 100, and an {@code ordering} parameter whose
 *       {@code enum} of fields becomes the pattern of a comma-separated list of them.
 * </ul>
 */
public class ApiDocsFilter implements OASFilter {

    /**
     * Every record the API reads or writes; resources refer to them by name ({@code @Schema(ref =
     * "PostView")}). {@code PostView.CategoryRef} is not one: a post shows it nullable, so inline
     * (RecordSchemas).
     */
    private static final List<Class<?>> SCHEMAS =
            List.of(
                    ApiDocs.Problem.class,
                    ApiDocs.ValidationProblem.class,
                    ApiDocs.VersionConflict.class,
                    io.ansaf.auth.UserView.class,
                    io.ansaf.auth.UserInput.class,
                    io.ansaf.auth.LoginInput.class,
                    io.ansaf.auth.UserRef.class,
                    io.ansaf.auth.AuthResource.MeView.class,
                    io.ansaf.auth.AuthResource.CsrfToken.class,
                    io.ansaf.auth.UsersResource.UserPage.class,
                    io.ansaf.blog.PostView.class,
                    io.ansaf.blog.PostInput.class,
                    io.ansaf.blog.PostsResource.PostPage.class,
                    io.ansaf.blog.CategoryView.class,
                    io.ansaf.blog.CategoryInput.class,
                    io.ansaf.blog.CategoriesResource.CategoryPage.class,
                    io.ansaf.blog.CommentView.class,
                    io.ansaf.blog.CommentInput.class,
                    io.ansaf.blog.CommentsResource.CommentPage.class,
                    io.ansaf.page.PageView.class,
                    io.ansaf.page.PageInput.class,
                    io.ansaf.page.PagesResource.PagePage.class,
                    io.ansaf.realtime.ChangesResource.ChangeEvent.class,
                    io.ansaf.realtime.ChangesResource.Changes.class,
                    io.ansaf.content.RevisionViews.RevisionAuthor.class,
                    io.ansaf.content.RevisionViews.RevisionSummary.class,
                    io.ansaf.content.RevisionViews.Revision.class,
                    io.ansaf.content.RevisionViews.RevisionPage.class,
                    io.ansaf.content.RevisionViews.FieldChange.class,
                    io.ansaf.content.RevisionViews.RevisionDiff.class,
                    io.ansaf.content.FullText.SearchHit.class);

    static final String SESSION = "session";
    static final String CSRF = "csrf";
    static final String CSRF_COOKIE = "csrfCookie";
    private static final String SCHEMA_PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        // Our schemas replace the scanner's, which miss integer/date-time types and snake_case.
        Components components =
                api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        for (Class<?> type : SCHEMAS) {
            components.addSchema(type.getSimpleName(), RecordSchemas.of(type));
            if (RecordSchemas.isInput(type) && type != io.ansaf.auth.LoginInput.class) {
                components.addSchema(patchName(type.getSimpleName()), RecordSchemas.patchOf(type));
            }
        }
        components.removeSchema("PageOf");
        // A result of a ranked search (?q=) carries its rank and headline; no other view does.
        for (String view : List.of("PostView", "PageView"))
            components
                    .getSchemas()
                    .get(view)
                    .addProperty(
                            "search", OASFactory.createSchema().ref(SCHEMA_PREFIX + "SearchHit"));
        dropPayaraEndpoints(api);
        api.setTags(uniqueTags(api.getTags()));
        api.setServers(
                List.of(
                        OASFactory.createServer()
                                .url(serverUrl())
                                .description("This server (or ANSAF_PUBLIC_URL, when set)")));
        if (api.getPaths() == null) return;
        // The contract's paths end with a slash; JAX-RS reports them without one.
        Paths paths = api.getPaths();
        for (String path : List.copyOf(paths.getPathItems().keySet())) {
            if (path.startsWith("/api/") && !path.endsWith("/")) {
                PathItem item = paths.getPathItem(path);
                paths.removePathItem(path);
                paths.addPathItem(path + "/", item);
            }
        }
        paths.getPathItems()
                .forEach(
                        (path, item) -> {
                            if (!path.startsWith("/api/")) return;
                            item.getOperations()
                                    .forEach(
                                            (method, op) -> {
                                                complete(path, method, op);
                                                qualifyOperationId(path, op);
                                            });
                        });
    }

    /** The lists that take {@code ?q=} (content.FullText). */
    static final Set<String> RANKED = Set.of("/api/v1/blogs/posts/", "/api/v1/pages/");

    private static void rankedSearch(Operation op) {
        op.addParameter(
                OASFactory.createParameter()
                        .name("q")
                        .in(Parameter.In.QUERY)
                        .description(
                                "Ranked full-text search in websearch syntax: words (all must occur, whole"
                                        + " words, stemmed), \"quoted phrases\", -excluded words and or."
                                        + " Ordered by relevance unless ordering is given; each result then"
                                        + " has search.rank and search.headline. At most 1000 characters"
                                        + " and 32 words (400 otherwise).")
                        .schema(
                                OASFactory.createSchema()
                                        .type(
                                                org.eclipse.microprofile.openapi.models.media.Schema
                                                        .SchemaType.STRING)));
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation op) {
        boolean single = path.matches(".*\\{[^}]+}/$");
        boolean addressed = path.contains("{");
        boolean unsafe = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        if (op.getDeprecated() == Boolean.FALSE) op.setDeprecated(null);
        requestBody(method, op);
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        // Lists of an item's own (its revisions) are paged like every top-level list.
        boolean paged = method == PathItem.HttpMethod.GET && returnsPage(responses);
        if (paged) paginate(op);
        if (method == PathItem.HttpMethod.GET && RANKED.contains(path)) rankedSearch(op);
        if (op.getParameters() != null) {
            // The CSRF header is a security scheme now, sent once per client rather than per call.
            for (Parameter p : List.copyOf(op.getParameters())) {
                if ("X-CSRFToken".equals(p.getName()) && p.getIn() == Parameter.In.HEADER)
                    op.removeParameter(p);
            }
            op.getParameters().forEach(ApiDocsFilter::cleanParameter);
        }
        op.setSecurity(security(path, unsafe));
        if (method == PathItem.HttpMethod.GET) {
            header(
                    op,
                    "If-None-Match",
                    "Answer 304 when the representation still has one of these ETags");
            if (single)
                header(
                        op,
                        "If-Modified-Since",
                        "Answer 304 when unchanged since this HTTP date (ignored with If-None-Match)");
            response(responses, "304", "Not modified: the ETag still matches", null);
            if (paged || (!addressed && hasParameter(op, "page"))) {
                response(
                        responses,
                        "400",
                        "Bad filter value, ordering field or page number",
                        "ValidationProblem");
                response(responses, "404", "Page out of range", "Problem");
            }
        }
        if (!unsafe && path.startsWith("/api/v1/auth/users/")) {
            // Staff reads: a session is required, and a staff one.
            response(responses, "401", "Not logged in", "Problem");
            response(responses, "403", "Not staff", "Problem");
        }
        if (addressed)
            response(responses, "404", "Not found, or not visible to the caller", "Problem");
        if (unsafe) {
            response(responses, "401", "Not logged in", "Problem");
            response(responses, "403", "Not allowed, or CSRF failure", "Problem");
            if (op.getRequestBody() != null) {
                response(responses, "413", "Body too large", "Problem");
                response(responses, "415", "Body is not JSON", "Problem");
            }
        }
        if (!path.startsWith("/api/v1/auth/login/"))
            response(
                    responses,
                    "429",
                    "Over the rate limit of this client (ANSAF_RATE_LIMIT_*): see Retry-After and RateLimit",
                    "Problem");
        // A revert is a write of the item itself: If-Match names the item's current version.
        boolean writesItem =
                (single && method != PathItem.HttpMethod.POST) || path.endsWith("/revert/");
        if (unsafe && writesItem) {
            header(
                    op,
                    "If-Match",
                    "The ETag as served, the bare version number, a list of either, or *");
            response(
                    responses,
                    "409",
                    "Version conflict: If-Match is stale or a concurrent write won",
                    "VersionConflict");
            response(
                    responses, "428", "If-Match required (ANSAF_REQUIRE_IF_MATCH=true)", "Problem");
        }
        if (unsafe && op.getRequestBody() != null)
            response(responses, "400", "Invalid input", "ValidationProblem");
        responses.getAPIResponses().forEach(ApiDocsFilter::describe);
        responseHeaders(path, single, responses);
    }

    /**
     * The scanner reads a {@code JsonObject} parameter as a bare {@code object} body and files the
     * annotation's schema under a wildcard media type; the JSON body is the referenced input.
     */
    private static void requestBody(PathItem.HttpMethod method, Operation op) {
        RequestBody body = op.getRequestBody();
        if (body == null || body.getContent() == null) return;
        Content content = body.getContent();
        String ref = null;
        for (MediaType m : content.getMediaTypes().values()) {
            if (m != null && m.getSchema() != null && m.getSchema().getRef() != null)
                ref = m.getSchema().getRef();
        }
        content.removeMediaType("*/*");
        if (ref != null) {
            String name =
                    ref.startsWith(SCHEMA_PREFIX) ? ref.substring(SCHEMA_PREFIX.length()) : ref;
            if (method == PathItem.HttpMethod.PATCH) name = patchName(name);
            content.addMediaType(
                    jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(name)));
        }
        body.required(true);
    }

    static String patchName(String inputName) {
        return inputName.endsWith("Input")
                ? inputName.substring(0, inputName.length() - "Input".length()) + "Patch"
                : inputName;
    }

    /**
     * Writes need the session cookie and the CSRF token; login, made before there is a session, the
     * token and the CSRF cookie it stands for. Staff lists and {@code me} need a session; every
     * other read works without one and shows more with one.
     */
    private static List<SecurityRequirement> security(String path, boolean unsafe) {
        if (unsafe && path.equals("/api/v1/auth/login/"))
            return List.of(
                    OASFactory.createSecurityRequirement().addScheme(CSRF).addScheme(CSRF_COOKIE));
        if (unsafe)
            return List.of(
                    OASFactory.createSecurityRequirement().addScheme(SESSION).addScheme(CSRF));
        if (path.startsWith("/api/v1/auth/users/")
                || path.equals("/api/v1/auth/me/")
                || path.contains("/revisions/")) {
            return List.of(OASFactory.createSecurityRequirement().addScheme(SESSION));
        }
        return List.of(
                OASFactory.createSecurityRequirement(),
                OASFactory.createSecurityRequirement().addScheme(SESSION));
    }

    private static void describe(String code, APIResponse r) {
        if (r.getDescription() == null || r.getDescription().isBlank()) {
            r.setDescription(
                    switch (code) {
                        case "200" -> "OK";
                        case "201" -> "Created; Location names the new resource";
                        case "204" -> "No content";
                        case "301" -> "Moved permanently (Location)";
                        case "304" -> "Not modified";
                        default -> "Error";
                    });
        }
        if (!code.startsWith("4") && !code.startsWith("5")) return;
        // Every 400 may name the fields (or query parameters) at fault.
        String schema =
                code.equals("409")
                        ? "VersionConflict"
                        : code.equals("400") ? "ValidationProblem" : "Problem";
        Content content = r.getContent();
        if (content == null
                || content.getMediaTypes() == null
                || content.getMediaTypes().isEmpty()) {
            content = OASFactory.createContent();
            r.setContent(content);
        }
        MediaType problem = content.getMediaType(Problems.MEDIA_TYPE);
        if (problem == null) {
            problem = OASFactory.createMediaType();
            content.addMediaType(Problems.MEDIA_TYPE, problem);
        }
        if (problem.getSchema() == null) problem.setSchema(OASFactory.createSchema().ref(schema));
        for (String other : List.copyOf(content.getMediaTypes().keySet())) {
            if (!other.equals(Problems.MEDIA_TYPE)) content.removeMediaType(other);
        }
    }

    /**
     * Content responses carry their validators (lists an {@code ETag} too), a create its {@code
     * Location}, and a throttled login its {@code Retry-After}.
     */
    private static void responseHeaders(String path, boolean single, APIResponses responses) {
        boolean content = path.startsWith("/api/v1/blogs/") || path.startsWith("/api/v1/pages/");
        responses
                .getAPIResponses()
                .forEach(
                        (code, r) -> {
                            boolean representation =
                                    (code.equals("200") || code.equals("201"))
                                            && r.getContent() != null;
                            if (content && (representation || code.equals("304"))) {
                                responseHeader(
                                        r,
                                        "ETag",
                                        "Strong entity tag of this representation (send it back as If-Match or If-None-Match)");
                                if (single || code.equals("201"))
                                    responseHeader(
                                            r,
                                            "Last-Modified",
                                            "When anything this representation shows last changed");
                            }
                            if (code.equals("201"))
                                responseHeader(r, "Location", "The new resource");
                            if (code.equals("301"))
                                responseHeader(r, "Location", "Where the resource is now");
                            if (code.equals("429"))
                                responseHeader(
                                        r, "Retry-After", "Seconds to wait before trying again");
                        });
    }

    private static void responseHeader(APIResponse r, String name, String description) {
        if (r.getHeaders() != null && r.getHeaders().containsKey(name)) return;
        r.addHeader(
                name,
                OASFactory.createHeader()
                        .description(description)
                        .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING)));
    }

    /**
     * The root {@code endpoints} map is Payara's, outside OpenAPI, and the model API cannot reach
     * it. Emptied, it is not written (Payara leaves empty values out); null, Payara fails to copy
     * the document.
     */
    private static void dropPayaraEndpoints(OpenAPI api) {
        try {
            api.getClass()
                    .getMethod("setEndpoints", Map.class)
                    .invoke(api, new java.util.HashMap<>());
        } catch (ReflectiveOperationException e) {
            // Another implementation: it has no such property to remove.
        }
    }

    /**
     * Tags named both in {@code @OpenAPIDefinition} and on resources appear once, with their
     * description.
     */
    static List<Tag> uniqueTags(List<Tag> tags) {
        if (tags == null) return null;
        Map<String, Tag> byName = new LinkedHashMap<>();
        for (Tag t : tags) {
            Tag kept = byName.putIfAbsent(t.getName(), t);
            if (kept != null && kept.getDescription() == null)
                kept.setDescription(t.getDescription());
        }
        byName.values()
                .forEach(
                        t -> {
                            if (t.getDescription() == null) t.setDescription(t.getName());
                        });
        return new ArrayList<>(byName.values());
    }

    static String serverUrl() {
        Optional<String> configured =
                ConfigProvider.getConfig()
                        .getOptionalValue("ansaf.public.url", String.class)
                        .map(String::strip)
                        .filter(s -> !s.isEmpty());
        return configured
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .filter(u -> !u.isEmpty())
                .orElse("/");
    }

    private static void cleanParameter(Parameter p) {
        if (p.getAllowEmptyValue() == Boolean.FALSE) p.setAllowEmptyValue(null);
        if (p.getAllowReserved() == Boolean.FALSE) p.setAllowReserved(null);
        if (p.getDeprecated() == Boolean.FALSE) p.setDeprecated(null);
        if (p.getRequired() == Boolean.FALSE) p.setRequired(null);
        Schema s = p.getSchema();
        if (s == null) return;
        clean(s);
        // Ids are longs; the scanner writes a bare number, which generators turn into decimals.
        if (p.getIn() == Parameter.In.PATH && s.getType() == Schema.SchemaType.NUMBER) {
            s.setType(Schema.SchemaType.INTEGER);
            s.setFormat("int64");
        }
        if ("page".equals(p.getName()) && p.getIn() == Parameter.In.QUERY) {
            // DRF's last_page_strings: page=last is the last page. A string with a pattern, not
            // oneOf
            // [integer, "last"]: validators parse a composed parameter schema's value as JSON.
            p.setSchema(
                    OASFactory.createSchema()
                            .type(Schema.SchemaType.STRING)
                            .pattern("^(?:[1-9][0-9]*|last)$"));
            if (p.getDescription() == null || p.getDescription().isBlank()) {
                p.setDescription(
                        "Page number from 1, or last; a page past the end is 404, and so is one that is not a page number");
            }
        }
        if ("page_size".equals(p.getName())) {
            // DRF's max_page_size clamps rather than refuses: page_size=500 is a page of 100.
            s.setMaximum(null);
            s.setMinimum(null);
            if (p.getDescription() == null || p.getDescription().isBlank()) {
                p.setDescription(
                        "Items per page, at most "
                                + PageRequest.MAX_SIZE
                                + ": a larger value gives "
                                + PageRequest.MAX_SIZE
                                + ", and one below 1 or not a number gives the default ("
                                + PageRequest.DEFAULT_SIZE
                                + "), as in DRF");
            }
        }
        if ("ordering".equals(p.getName())
                && s.getEnumeration() != null
                && !s.getEnumeration().isEmpty()) {
            String fields =
                    s.getEnumeration().stream()
                            .map(String::valueOf)
                            .collect(Collectors.joining("|"));
            s.setEnumeration(null);
            s.setPattern("^-?(?:" + fields + ")(?:,-?(?:" + fields + "))*$");
            if (p.getDescription() == null || p.getDescription().isBlank()) {
                p.setDescription(
                        "Comma-separated fields, - for descending: " + fields.replace("|", ", "));
            }
        }
    }

    /** Removes the values Payara copies from the {@code @Schema} annotation's defaults. */
    static void clean(Schema s) {
        if (s.getMultipleOf() != null && s.getMultipleOf().signum() == 0) s.setMultipleOf(null);
        if (s.getMaxItems() != null && s.getMaxItems() < 0) s.setMaxItems(null);
        if (s.getMinItems() != null
                && (s.getMinItems() == Integer.MAX_VALUE || s.getMinItems() == 0))
            s.setMinItems(null);
        if (s.getMaxLength() != null && s.getMaxLength() == Integer.MAX_VALUE) s.setMaxLength(null);
        if (s.getMinLength() != null && s.getMinLength() == 0) s.setMinLength(null);
        if (s.getMaxProperties() != null && s.getMaxProperties() == 0) s.setMaxProperties(null);
        if (s.getMinProperties() != null && s.getMinProperties() == 0) s.setMinProperties(null);
        if (s.getDeprecated() == Boolean.FALSE) s.setDeprecated(null);
        if (s.getExclusiveMaximum() == Boolean.FALSE) s.setExclusiveMaximum(null);
        if (s.getExclusiveMinimum() == Boolean.FALSE) s.setExclusiveMinimum(null);
        if (s.getNullable() == Boolean.FALSE) s.setNullable(null);
        if (s.getReadOnly() == Boolean.FALSE) s.setReadOnly(null);
        if (s.getWriteOnly() == Boolean.FALSE) s.setWriteOnly(null);
        if (s.getUniqueItems() == Boolean.FALSE) s.setUniqueItems(null);
        if (s.getDefaultValue() instanceof String text && text.isEmpty()) s.setDefaultValue(null);
        if (s.getType() == Schema.SchemaType.INTEGER
                && s.getDefaultValue() instanceof String text
                && text.matches("-?\\d+")) {
            s.setDefaultValue(new BigDecimal(text).longValueExact());
        }
        if (s.getItems() != null) clean(s.getItems());
    }

    /**
     * The scanner names operations after their Java methods ({@code list}, {@code patch}), which
     * repeat across resources; OpenAPI requires unique ids and client generators reject the
     * document without them. {@code list} under tag {@code posts} becomes {@code postsList}.
     */
    static void qualifyOperationId(String path, Operation op) {
        String id = op.getOperationId();
        if (id == null || op.getTags() == null || op.getTags().isEmpty()) return;
        String resource = path.contains("/auth/users/") ? "users" : op.getTags().get(0);
        if (id.startsWith(resource)) return;
        op.setOperationId(resource + Character.toUpperCase(id.charAt(0)) + id.substring(1));
    }

    /** Whether the operation's 200 is one of the DRF page envelopes ({@code PostPage}, ...). */
    private static boolean returnsPage(APIResponses responses) {
        var ok = responses.getAPIResponse("200");
        if (ok == null || ok.getContent() == null) return false;
        var json = ok.getContent().getMediaType("application/json");
        String ref = json == null || json.getSchema() == null ? null : json.getSchema().getRef();
        return ref != null && ref.endsWith("Page");
    }

    /**
     * Every list takes DRF's {@code page} and {@code page_size}: declared here once instead of on
     * each resource (their schemas and descriptions are set by {@link #cleanParameter}).
     */
    private static void paginate(Operation op) {
        for (String name : List.of("page", "page_size")) {
            if (hasParameter(op, name)) continue;
            Parameter p =
                    OASFactory.createParameter()
                            .name(name)
                            .in(Parameter.In.QUERY)
                            .schema(
                                    OASFactory.createSchema()
                                            .type(Schema.SchemaType.INTEGER)
                                            .defaultValue(
                                                    name.equals("page_size")
                                                            ? PageRequest.DEFAULT_SIZE
                                                            : null));
            List<Parameter> params =
                    new java.util.ArrayList<>(
                            op.getParameters() == null ? List.of() : op.getParameters());
            params.add(name.equals("page") ? 0 : Math.min(1, params.size()), p);
            op.setParameters(params);
        }
    }

    private static boolean hasParameter(Operation op, String name) {
        return op.getParameters() != null
                && op.getParameters().stream().anyMatch(p -> name.equals(p.getName()));
    }

    private static Parameter header(Operation op, String name, String description) {
        if (op.getParameters() != null) {
            for (Parameter p : op.getParameters()) {
                if (name.equals(p.getName())) return p;
            }
        }
        Parameter p =
                OASFactory.createParameter()
                        .name(name)
                        .in(Parameter.In.HEADER)
                        .description(description)
                        .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING));
        op.addParameter(p);
        return p;
    }

    private static void response(
            APIResponses responses, String code, String description, String problemSchema) {
        if (responses.hasAPIResponse(code)) return;
        APIResponse r = OASFactory.createAPIResponse().description(description);
        if (problemSchema != null) {
            r.content(
                    OASFactory.createContent()
                            .addMediaType(
                                    Problems.MEDIA_TYPE,
                                    OASFactory.createMediaType()
                                            .schema(OASFactory.createSchema().ref(problemSchema))));
        }
        responses.addAPIResponse(code, r);
    }
}
