package io.ansaf.auth;

import io.ansaf.content.Caller;
import io.ansaf.content.Permissions;
import io.ansaf.http.ListParams;
import io.ansaf.http.PageOf;
import io.ansaf.http.PageRequest;
import io.ansaf.http.PublicUrls;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Staff-only user management: list, create, read, change and deactivate users. */
@Path("auth/users")
@Tag(name = "auth")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "session")
@APIResponse(
        responseCode = "401",
        description = "Not logged in",
        content = @Content(mediaType = "application/problem+json"))
@APIResponse(
        responseCode = "403",
        description = "Not staff, or CSRF failure",
        content = @Content(mediaType = "application/problem+json"))
public class UsersResource {
    @Inject UserService users;

    @Inject Caller caller;

    @Context UriInfo uri;

    /** A page of users (for the OpenAPI document). */
    public record UserPage(
            long count,
            @jakarta.annotation.Nullable String next,
            @jakarta.annotation.Nullable String previous,
            java.util.List<UserView> results) {}

    @GET
    @Operation(summary = "List users")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "UserPage")))
    public PageOf<UserView> list() {
        Permissions.requireStaff(caller);
        PageRequest page = ListParams.of(uri).page();
        long count = users.count();
        page = page.resolve(count);
        return PageOf.of(count, users.list(page), page, PublicUrls.of(uri.getRequestUri()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user")
    @RequestBody(content = @Content(schema = @Schema(ref = "UserInput")))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(ref = "UserView")))
    @APIResponse(
            responseCode = "400",
            description = "Invalid fields",
            content = @Content(mediaType = "application/problem+json"))
    public Response create(JsonObject body) {
        Permissions.requireStaff(caller);
        UserView created = users.create(body);
        return Response.created(
                        PublicUrls.of(
                                uri.getAbsolutePathBuilder().path(created.id() + "/").build()))
                .entity(created)
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a user")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "UserView")))
    @APIResponse(
            responseCode = "404",
            description = "No such user",
            content = @Content(mediaType = "application/problem+json"))
    public UserView get(@PathParam("id") long id) {
        Permissions.requireStaff(caller);
        return users.get(caller, id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a user",
            description = "Setting is_active to false ends the user's sessions.")
    @RequestBody(content = @Content(schema = @Schema(ref = "UserInput")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "UserView")))
    @APIResponse(
            responseCode = "400",
            description = "Invalid fields",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(
            responseCode = "404",
            description = "No such user",
            content = @Content(mediaType = "application/problem+json"))
    public UserView patch(@PathParam("id") long id, JsonObject body) {
        Permissions.requireStaff(caller);
        return users.patch(caller, id, body);
    }

    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Deactivate a user",
            description =
                    "The user is kept (their content stays) but can no longer log in; their sessions end.")
    @APIResponse(responseCode = "204", description = "Deactivated")
    @APIResponse(
            responseCode = "404",
            description = "No such user",
            content = @Content(mediaType = "application/problem+json"))
    public Response deactivate(@PathParam("id") long id) {
        Permissions.requireStaff(caller);
        users.deactivate(caller, id);
        return Response.noContent().build();
    }
}
