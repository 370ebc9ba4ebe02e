package io.ansaf.page;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/pages/}: published pages for everyone, all pages for staff; addressed by slug. */
@Path("pages")
@Tag(name = "pages")
@Produces(MediaType.APPLICATION_JSON)
public class PagesResource {
    @Inject PageService pages;

    @Inject Lists lists;

    @Inject Writes writes;

    @Inject Caller caller;

    @Inject RevisionReads revisionReads;

    @Inject UniqueSlugs slugs;

    @Context UriInfo uri;

    @Context HttpHeaders headers;

    @Context HttpServletRequest request;

    /** A page of pages (for the OpenAPI document). */
    public record PagePage(
            long count,
            @jakarta.annotation.Nullable String next,
            @jakarta.annotation.Nullable String previous,
            java.util.List<PageView> results) {}

    @GET
    @Operation(
            summary = "List pages",
            description =
                    "Published pages; staff see drafts too (and deleted ones with status=deleted).")
    @Parameter(
            name = "status",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"draft", "published", "deleted"}))
    @Parameter(name = "search", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "ordering",
            in = ParameterIn.QUERY,
            description = "title, created_at, updated_at, published_at (- for descending)",
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"title", "created_at", "updated_at", "published_at"},
                            defaultValue = "title"))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PagePage")))
    public Response list() {
        ListParams params = ListParams.of(uri);
        return lists.respond(
                ContentModel.PAGE, caller, params, state -> pages.list(caller, params, state));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a page (staff)")
    @RequestBody(content = @Content(schema = @Schema(ref = "PageInput")))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(ref = "PageView")))
    public Response create(JsonObject body) {
        Permissions.requireStaff(caller);
        PageInput in = pages.readNew(body);
        PageView created =
                slugs.create(
                        in.slug(),
                        in.title(),
                        "page",
                        PageService.SLUG_MAX,
                        base -> writes.takenSlugs(Page.class, base),
                        slug -> pages.insert(caller, in, slug));
        return Response.created(
                        PublicUrls.of(
                                uri.getAbsolutePathBuilder().path(created.slug() + "/").build()))
                .entity(created)
                .build();
    }

    @GET
    @Path("{slug}")
    @Operation(
            summary = "Read a page",
            description = "An old slug of a renamed page answers 301 to the current one.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PageView")))
    @APIResponse(responseCode = "301", description = "The page moved to a new slug (Location)")
    public Response get(@PathParam("slug") String slug) {
        if (!caller.authenticated()) Conditional.markPublic(request);
        try {
            return Response.ok(pages.get(caller, slug)).build();
        } catch (ProblemException notFound) {
            return pages.redirect(caller, slug)
                    .map(
                            to ->
                                    Response.status(301)
                                            .location(
                                                    uri.getBaseUriBuilder()
                                                            .path("pages")
                                                            .path(to + "/")
                                                            .build())
                                            .build())
                    .orElseThrow(() -> notFound);
        }
    }

    @PATCH
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change some fields of a page (staff)")
    @RequestBody(content = @Content(schema = @Schema(ref = "PageInput")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PageView")))
    public PageView patch(@PathParam("slug") String slug, JsonObject body) {
        Permissions.requireStaff(caller);
        return pages.update(caller, slug, body, false);
    }

    @PUT
    @Path("{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a page (staff)")
    @RequestBody(content = @Content(schema = @Schema(ref = "PageInput")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PageView")))
    public PageView put(@PathParam("slug") String slug, JsonObject body) {
        Permissions.requireStaff(caller);
        return pages.update(caller, slug, body, true);
    }

    @DELETE
    @Path("{slug}")
    @Operation(summary = "Delete a page (staff; soft)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("slug") String slug) {
        Permissions.requireStaff(caller);
        pages.delete(caller, slug);
        return Response.noContent().build();
    }

    @POST
    @Path("{slug}/restore")
    @Operation(
            summary = "Restore a deleted page (staff)",
            description = "Deleted pages are listed with status=deleted; restore brings one back.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PageView")))
    @APIResponse(
            responseCode = "409",
            description = "The page is not deleted",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "Problem")))
    public PageView restore(@PathParam("slug") String slug) {
        Permissions.requireStaff(caller);
        return pages.restore(caller, slug);
    }

    // ---- revisions: the author and staff read an item's history, diff two versions, revert one

    @GET
    @Path("{slug}/revisions")
    @Operation(
            summary = "List the revisions of a page",
            description =
                    "Newest first, without their content. The author and staff only; anonymous callers get 401, other users 403 (404 when they cannot see the page).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "RevisionPage")))
    @APIResponse(responseCode = "401", description = "Not logged in")
    @APIResponse(responseCode = "403", description = "Neither the author nor staff")
    public Response revisions(@PathParam("slug") String slug) {
        return revisionReads.list(
                pages, pages.withHistory(caller, slug), ListParams.of(uri), headers);
    }

    @GET
    @Path("{slug}/revisions/{version}")
    @Operation(summary = "Read one revision of a page, with its content")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "Revision")))
    @APIResponse(responseCode = "401", description = "Not logged in")
    @APIResponse(responseCode = "403", description = "Neither the author nor staff")
    public Response revision(@PathParam("slug") String slug, @PathParam("version") int version) {
        return revisionReads.one(pages, pages.withHistory(caller, slug), version, headers);
    }

    @GET
    @Path("{slug}/revisions/{version}/diff")
    @Operation(
            summary = "What changed in a page between two revisions",
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
            @PathParam("slug") String slug,
            @PathParam("version") int version,
            @jakarta.ws.rs.QueryParam("against") String against) {
        return revisionReads.diff(pages, pages.withHistory(caller, slug), version, against);
    }

    @POST
    @Path("{slug}/revisions/{version}/revert")
    @Operation(
            summary = "Revert a page to one of its revisions",
            description =
                    "The content becomes that revision's as a new version (revision action reverted); If-Match is checked against the current version.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "PageView")))
    public PageView revert(@PathParam("slug") String slug, @PathParam("version") int version) {
        Permissions.requireAuthenticated(caller);
        return pages.revert(caller, slug, version);
    }
}
