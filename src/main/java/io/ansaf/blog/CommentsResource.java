package io.ansaf.blog;

import io.ansaf.content.Caller;
import io.ansaf.content.Conditional;
import io.ansaf.content.ContentModel;
import io.ansaf.content.Lists;
import io.ansaf.content.Permissions;
import io.ansaf.http.ListParams;
import io.ansaf.http.PublicUrls;
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

/** {@code /api/v1/blogs/comments/}: comments on posts; staff approve them. */
@Path("blogs/comments")
@Tag(name = "comments")
@Produces(MediaType.APPLICATION_JSON)
public class CommentsResource {
    @Inject CommentService comments;

    @Inject Lists lists;

    @Inject Caller caller;

    @Context UriInfo uri;

    @Context HttpHeaders headers;

    @Context HttpServletRequest request;

    /** A page of comments (for the OpenAPI document). */
    public record CommentPage(
            long count,
            @jakarta.annotation.Nullable String next,
            @jakarta.annotation.Nullable String previous,
            java.util.List<CommentView> results) {}

    @GET
    @Operation(
            summary = "List comments",
            description =
                    "Anonymous callers see approved comments of posts they can read; authors also their own; staff all.")
    @Parameter(
            name = "post",
            in = ParameterIn.QUERY,
            description = "Post id",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(
            name = "is_approved",
            in = ParameterIn.QUERY,
            schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(name = "search", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "ordering",
            in = ParameterIn.QUERY,
            description = "created_at, updated_at (- for descending)",
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"created_at", "updated_at"},
                            defaultValue = "created_at"))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "CommentPage")))
    public Response list() {
        ListParams params = ListParams.of(uri);
        return lists.respond(
                ContentModel.COMMENT,
                caller,
                params,
                state -> comments.list(caller, params, state));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comment on a post")
    @RequestBody(content = @Content(schema = @Schema(ref = "CommentInput")))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(ref = "CommentView")))
    public Response create(JsonObject body) {
        Permissions.requireAuthenticated(caller);
        CommentView created = comments.create(caller, body);
        return Response.created(
                        PublicUrls.of(
                                uri.getAbsolutePathBuilder().path(created.id() + "/").build()))
                .entity(created)
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a comment")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "CommentView")))
    public CommentView get(@PathParam("id") long id) {
        if (!caller.authenticated()) Conditional.markPublic(request);
        return comments.get(caller, id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a comment (its author or staff; only staff change is_approved)")
    @RequestBody(content = @Content(schema = @Schema(ref = "CommentInput")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "CommentView")))
    public CommentView patch(@PathParam("id") long id, JsonObject body) {
        Permissions.requireAuthenticated(caller);
        return comments.update(caller, id, body, false);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a comment")
    @RequestBody(content = @Content(schema = @Schema(ref = "CommentInput")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "CommentView")))
    public CommentView put(@PathParam("id") long id, JsonObject body) {
        Permissions.requireAuthenticated(caller);
        return comments.update(caller, id, body, true);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a comment (soft)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") long id) {
        Permissions.requireAuthenticated(caller);
        comments.delete(caller, id);
        return Response.noContent().build();
    }
}
