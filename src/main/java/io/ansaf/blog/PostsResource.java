package io.ansaf.blog;

import io.ansaf.content.CachedValidators;
import io.ansaf.content.Caller;
import io.ansaf.content.Conditional;
import io.ansaf.content.ContentModel;
import io.ansaf.content.Lists;
import io.ansaf.content.Permissions;
import io.ansaf.content.RevisionReads;
import io.ansaf.content.Writes;
import io.ansaf.http.ListParams;
import io.ansaf.http.ProblemException;
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
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/blogs/posts/}: list, create, read, change, delete and restore posts. */
@Path("blogs/posts")
@Tag(name = "posts")
@Produces(MediaType.APPLICATION_JSON)
public class PostsResource {
    @Inject PostService posts;

    @Inject Lists lists;

    @Inject Writes writes;

    @Inject Caller caller;

    @Inject RevisionReads revisionReads;

    @Inject UniqueSlugs slugs;

    @Inject ViewCounter viewCounter;

    @Context UriInfo uri;

    @Context HttpHeaders headers;

    @Context HttpServletRequest request;

    /** A page of posts (for the OpenAPI document). */
    public record PostPage(
            long count,
            @jakarta.annotation.Nullable String next,
            @jakarta.annotation.Nullable String previous,
            java.util.List<PostView> results) {}

    @GET
    @Operation(
            summary = "List posts",
            description =
                    "Anonymous callers see published posts; authors also their own drafts and archived posts; staff everything (deleted posts with status=deleted).")
    @Parameter(
            name = "search",
            in = ParameterIn.QUERY,
            description = "Words that must all occur in title, excerpt or body (case-insensitive)",
            schema =
                    @Schema(
                            type =
                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                            .STRING))
    @Parameter(
            name = "ordering",
            in = ParameterIn.QUERY,
            description =
                    "Comma-separated fields, - for descending: created_at, updated_at, published_at, title, view_count",
            schema =
                    @Schema(
                            type =
                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                            .STRING,
                            enumeration = {
                                "created_at",
                                "updated_at",
                                "published_at",
                                "title",
                                "view_count"
                            },
                            defaultValue = "-published_at,-created_at"))
    @Parameter(
            name = "status",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            enumeration = {"draft", "published", "archived", "deleted"},
                            type =
                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                            .STRING))
    @Parameter(
            name = "category",
            in = ParameterIn.QUERY,
            description = "Category id or slug",
            schema =
                    @Schema(
                            type =
                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                            .STRING))
    @Parameter(
            name = "author",
            in = ParameterIn.QUERY,
            description = "Author id or username",
            schema =
                    @Schema(
                            type =
                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                            .STRING))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PostPage")))
    @APIResponse(
            responseCode = "400",
            description = "Bad filter or ordering",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "ValidationProblem")))
    @APIResponse(
            responseCode = "404",
            description = "Page out of range",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "Problem")))
    public Response list() {
        ListParams params = ListParams.of(uri);
        return lists.respond(
                ContentModel.POST, caller, params, state -> posts.list(caller, params, state));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a post",
            description =
                    "The caller becomes the author. The slug is derived from the title unless given; collisions get -2, -3, ...")
    @RequestBody(content = @Content(schema = @Schema(ref = "PostInput")))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(ref = "PostView")))
    @APIResponse(
            responseCode = "400",
            description = "Invalid fields",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "ValidationProblem")))
    public Response create(JsonObject body) {
        Permissions.requireAuthenticated(caller);
        PostInput in = posts.readNew(body);
        PostView created =
                slugs.create(
                        in.slug(),
                        in.title(),
                        "post",
                        PostService.SLUG_MAX,
                        base -> writes.takenSlugs(Post.class, base),
                        slug -> posts.insert(caller, in, slug));
        return Response.created(
                        PublicUrls.of(
                                uri.getAbsolutePathBuilder().path(created.id() + "/").build()))
                .entity(created)
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "Read a post",
            description =
                    "Reading a published post counts a view (without changing its version or validators).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PostView")))
    @APIResponse(
            responseCode = "404",
            description = "No such post, or not visible to the caller",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "Problem")))
    public Response get(@PathParam("id") long id) {
        if (!caller.authenticated()) {
            Conditional.markPublic(request);
            // Anonymous callers only ever see published posts: a cached 304 counts a view like this
            // one.
            request.setAttribute(CachedValidators.ON_HIT, (Runnable) () -> viewCounter.count(id));
        }
        if (headers.getHeaderString("If-None-Match") != null
                || headers.getHeaderString("If-Modified-Since") != null) {
            PostService.Validators v =
                    posts.validators(caller, id)
                            .orElseThrow(() -> ProblemException.notFound("post", id));
            Optional<Response> notModified = Conditional.notModified(headers, v.validators());
            if (notModified.isPresent()) {
                if (v.countsViews()) viewCounter.count(id);
                return notModified.get();
            }
        }
        return Response.ok(posts.get(caller, id)).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change some fields of a post")
    @RequestBody(content = @Content(schema = @Schema(ref = "PostInput")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PostView")))
    public PostView patch(@PathParam("id") long id, JsonObject body) {
        Permissions.requireAuthenticated(caller);
        return posts.update(caller, id, body, false);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a post")
    @RequestBody(content = @Content(schema = @Schema(ref = "PostInput")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PostView")))
    public PostView put(@PathParam("id") long id, JsonObject body) {
        Permissions.requireAuthenticated(caller);
        return posts.update(caller, id, body, true);
    }

    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Delete a post",
            description = "Soft delete: staff can still list it (status=deleted) and restore it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") long id) {
        Permissions.requireAuthenticated(caller);
        posts.delete(caller, id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restore a deleted post (staff)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PostView")))
    @APIResponse(
            responseCode = "409",
            description = "The post is not deleted",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "Problem")))
    public PostView restore(@PathParam("id") long id) {
        Permissions.requireAuthenticated(caller);
        return posts.restore(caller, id);
    }

    // ---- revisions: the author and staff read an item's history, diff two versions, revert one

    @GET
    @Path("{id}/revisions")
    @Operation(
            summary = "List the revisions of a post",
            description =
                    "Newest first, without their content. The author and staff only; anonymous callers get 401, other users 403 (404 when they cannot see the post).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "RevisionPage")))
    @APIResponse(responseCode = "401", description = "Not logged in")
    @APIResponse(responseCode = "403", description = "Neither the author nor staff")
    public Response revisions(@PathParam("id") long id) {
        return revisionReads.list(
                posts, posts.withHistory(caller, id), ListParams.of(uri), headers);
    }

    @GET
    @Path("{id}/revisions/{version}")
    @Operation(summary = "Read one revision of a post, with its content")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "Revision")))
    @APIResponse(responseCode = "401", description = "Not logged in")
    @APIResponse(responseCode = "403", description = "Neither the author nor staff")
    public Response revision(@PathParam("id") long id, @PathParam("version") int version) {
        return revisionReads.one(posts, posts.withHistory(caller, id), version, headers);
    }

    @GET
    @Path("{id}/revisions/{version}/diff")
    @Operation(
            summary = "What changed in a post between two revisions",
            description = "Only the fields that differ; against defaults to the revision before.")
    @Parameter(
            name = "against",
            in = ParameterIn.QUERY,
            description = "The version to compare with (default: the kept version before)",
            schema =
                    @Schema(
                            type =
                                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType
                                            .INTEGER))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "RevisionDiff")))
    @APIResponse(responseCode = "400", description = "against is not a kept version")
    @APIResponse(responseCode = "401", description = "Not logged in")
    @APIResponse(responseCode = "403", description = "Neither the author nor staff")
    public Response diff(
            @PathParam("id") long id,
            @PathParam("version") int version,
            @jakarta.ws.rs.QueryParam("against") String against) {
        return revisionReads.diff(posts, posts.withHistory(caller, id), version, against);
    }

    @POST
    @Path("{id}/revisions/{version}/revert")
    @Operation(
            summary = "Revert a post to one of its revisions",
            description =
                    "The content becomes that revision's as a new version (revision action reverted); If-Match is checked against the current version.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PostView")))
    public PostView revert(@PathParam("id") long id, @PathParam("version") int version) {
        Permissions.requireAuthenticated(caller);
        return posts.revert(caller, id, version);
    }
}
