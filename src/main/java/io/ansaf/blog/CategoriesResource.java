package io.ansaf.blog;

import io.ansaf.content.Caller;
import io.ansaf.content.Conditional;
import io.ansaf.content.ContentModel;
import io.ansaf.content.Lists;
import io.ansaf.content.Permissions;
import io.ansaf.content.Writes;
import io.ansaf.http.ListParams;
import io.ansaf.http.PublicUrls;
import io.ansaf.text.UniqueSlugs;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/blogs/categories/}: everyone reads, staff write. */
@Path("blogs/categories")
@Tag(name = "categories")
@Produces(MediaType.APPLICATION_JSON)
public class CategoriesResource {
    @Inject CategoryService categories;

    @Inject Lists lists;

    @Inject Writes writes;

    @Inject Caller caller;

    @Inject UniqueSlugs slugs;

    @Context UriInfo uri;

    @Context HttpHeaders headers;

    @Context HttpServletRequest request;

    /** A page of categories (for the OpenAPI document). */
    public record CategoryPage(
            long count,
            @jakarta.annotation.Nullable String next,
            @jakarta.annotation.Nullable String previous,
            java.util.List<CategoryView> results) {}

    @GET
    @Operation(summary = "List categories")
    @Parameter(
            name = "search",
            in = ParameterIn.QUERY,
            description = "Words in name or description",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "ordering",
            in = ParameterIn.QUERY,
            description = "name, created_at, updated_at (- for descending)",
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"name", "created_at", "updated_at"},
                            defaultValue = "name"))
    @Parameter(name = "slug", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "CategoryPage")))
    public Response list() {
        ListParams params = ListParams.of(uri);
        return lists.respond(
                ContentModel.CATEGORY, caller, params, state -> categories.list(params, state));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a category (staff)")
    @RequestBody(content = @Content(schema = @Schema(ref = "CategoryInput")))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(ref = "CategoryView")))
    public Response create(JsonObject body) {
        Permissions.requireStaff(caller);
        CategoryInput in = categories.readNew(body);
        CategoryView created =
                slugs.create(
                        in.slug(),
                        in.name(),
                        "category",
                        CategoryService.SLUG_MAX,
                        base -> writes.takenSlugs(Category.class, base),
                        slug -> categories.insert(in, slug));
        return Response.created(
                        PublicUrls.of(
                                uri.getAbsolutePathBuilder().path(created.id() + "/").build()))
                .entity(created)
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a category")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "CategoryView")))
    public CategoryView get(@PathParam("id") long id) {
        if (!caller.authenticated()) Conditional.markPublic(request);
        return categories.get(id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change some fields of a category (staff)")
    @RequestBody(content = @Content(schema = @Schema(ref = "CategoryInput")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "CategoryView")))
    public CategoryView patch(@PathParam("id") long id, JsonObject body) {
        Permissions.requireStaff(caller);
        return categories.update(caller, id, body, false);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a category (staff)")
    @RequestBody(content = @Content(schema = @Schema(ref = "CategoryInput")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "CategoryView")))
    public CategoryView put(@PathParam("id") long id, JsonObject body) {
        Permissions.requireStaff(caller);
        return categories.update(caller, id, body, true);
    }

    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Delete a category (staff)",
            description = "Its posts stay, without a category.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") long id) {
        Permissions.requireStaff(caller);
        categories.delete(caller, id);
        return Response.noContent().build();
    }
}
