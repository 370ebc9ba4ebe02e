package io.ansaf.http;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the generated OpenAPI document with what every operation shares, so resources need
 * not repeat it: the CSRF header and 401/403 on unsafe methods, {@code If-Match} with 409/428 on
 * writes to one resource, {@code If-None-Match} and 304 on reads, problem+json schemas on every
 * error, and property names in snake_case, as JSON-B writes them.
 */
public class ApiDocsFilter implements OASFilter {

    /** Every record the API reads or writes; resources refer to them by name ({@code @Schema(ref = "PostView")}). */
    private static final List<Class<?>> SCHEMAS = List.of(
            ApiDocs.Problem.class, ApiDocs.ValidationProblem.class, ApiDocs.VersionConflict.class,
            io.ansaf.auth.UserView.class, io.ansaf.auth.UserInput.class, io.ansaf.auth.LoginInput.class,
            io.ansaf.auth.UserRef.class, io.ansaf.auth.AuthResource.MeView.class, io.ansaf.auth.AuthResource.CsrfToken.class,
            io.ansaf.auth.UsersResource.UserPage.class,
            io.ansaf.blog.PostView.class, io.ansaf.blog.PostView.CategoryRef.class, io.ansaf.blog.PostInput.class,
            io.ansaf.blog.PostsResource.PostPage.class,
            io.ansaf.blog.CategoryView.class, io.ansaf.blog.CategoryInput.class, io.ansaf.blog.CategoriesResource.CategoryPage.class,
            io.ansaf.blog.CommentView.class, io.ansaf.blog.CommentInput.class, io.ansaf.blog.CommentsResource.CommentPage.class,
            io.ansaf.page.PageView.class, io.ansaf.page.PageInput.class, io.ansaf.page.PagesResource.PagePage.class);

    @Override
    public void filterOpenAPI(OpenAPI api) {
        // Our schemas replace the scanner's, which miss integer/date-time types and snake_case.
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        for (Class<?> type : SCHEMAS) components.addSchema(type.getSimpleName(), RecordSchemas.of(type));
        components.removeSchema("PageOf");
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
        paths.getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) return;
            boolean single = path.matches(".*\\{[^}]+}/$");
            item.getOperations().forEach((method, op) -> {
                complete(method, op, single);
                qualifyOperationId(path, op);
            });
        });
    }

    private static void complete(PathItem.HttpMethod method, Operation op, boolean single) {
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            // The scanner adds a */* body for JsonObject parameters; we take application/json only.
            op.getRequestBody().getContent().removeMediaType("*/*");
            op.getRequestBody().required(true);
        }
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        boolean unsafe = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        if (method == PathItem.HttpMethod.GET) {
            header(op, "If-None-Match", "Answer 304 when the representation still has one of these ETags");
            if (single) header(op, "If-Modified-Since", "Answer 304 when unchanged since this HTTP date (ignored with If-None-Match)");
            response(responses, "304", "Not modified: the ETag still matches", null);
            if (single) response(responses, "404", "Not found, or not visible to the caller", "Problem");
        }
        if (unsafe) {
            header(op, "X-CSRFToken", "The session's CSRF token (GET /api/v1/auth/csrf/)").required(true);
            response(responses, "401", "Not logged in", "Problem");
            response(responses, "403", "Not allowed, or CSRF failure", "Problem");
            response(responses, "413", "Body too large", "Problem");
            response(responses, "415", "Body is not JSON", "Problem");
        }
        if (unsafe && single && method != PathItem.HttpMethod.POST) {
            header(op, "If-Match", "The ETag as served, the bare version number, a list of either, or *");
            response(responses, "404", "Not found, or not visible to the caller", "Problem");
            response(responses, "409", "Version conflict: If-Match is stale or a concurrent write won", "VersionConflict");
            response(responses, "428", "If-Match required (ANSAF_REQUIRE_IF_MATCH=true)", "Problem");
        }
        if (unsafe) response(responses, "400", "Invalid input", "ValidationProblem");
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

    private static Parameter header(Operation op, String name, String description) {
        if (op.getParameters() != null) {
            for (Parameter p : op.getParameters()) {
                if (name.equals(p.getName())) return p;
            }
        }
        Parameter p = OASFactory.createParameter().name(name).in(Parameter.In.HEADER).description(description)
                .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING));
        op.addParameter(p);
        return p;
    }

    private static void response(APIResponses responses, String code, String description, String problemSchema) {
        if (responses.hasAPIResponse(code)) return;
        APIResponse r = OASFactory.createAPIResponse().description(description);
        if (problemSchema != null) {
            r.content(OASFactory.createContent().addMediaType(Problems.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(problemSchema))));
        }
        responses.addAPIResponse(code, r);
    }
}
