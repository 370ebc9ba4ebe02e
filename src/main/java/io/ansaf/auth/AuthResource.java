package io.ansaf.auth;

import io.ansaf.content.Caller;
import io.ansaf.content.Permissions;
import io.ansaf.http.Forwarding;
import io.ansaf.http.JsonInput;
import io.ansaf.http.ProblemException;
import io.ansaf.text.LogText;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Session login for browser clients: CSRF token, login, logout and "who am I". Login rotates the
 * session id (no session fixation) and the CSRF token; logout ends the session.
 */
@Path("auth")
@Tag(name = "auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    private static final Logger LOG = Logger.getLogger(AuthResource.class.getName());

    @Inject UserIdentityStore identityStore;

    @Inject UserService users;

    @Inject LoginThrottle throttle;

    @Inject SessionRegistry sessions;

    @Inject JsonInput json;

    @Inject Caller caller;

    @Context HttpServletRequest request;

    @Context HttpServletResponse response;

    /** The {@code csrf_token} body of {@code GET /auth/csrf/}. */
    public record CsrfToken(String csrf_token) {}

    @GET
    @Path("csrf")
    @Operation(
            summary = "Get a CSRF token",
            description =
                    "Also sets the csrftoken cookie. Send the token as X-CSRFToken on every POST, PUT, PATCH and DELETE."
                            + " Before login it starts no session: the token then stands for the secret in the"
                            + " csrftoken cookie, which the request must carry too (as browsers and cookie jars do).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "CsrfToken")))
    public Response csrf() {
        return Response.ok(new CsrfToken(Csrf.token(request, response)))
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Log in",
            description =
                    "Starts a new session (new session id and CSRF token, returned in the X-CSRFToken header and csrftoken cookie).")
    @RequestBody(content = @Content(schema = @Schema(ref = "LoginInput")))
    @APIResponse(
            responseCode = "200",
            description = "Logged in",
            content = @Content(schema = @Schema(ref = "MeView")))
    @APIResponse(
            responseCode = "400",
            description = "Missing username or password",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(
            responseCode = "401",
            description = "Bad credentials",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(
            responseCode = "403",
            description = "CSRF failure",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(
            responseCode = "429",
            description = "Too many failed logins",
            content = @Content(mediaType = "application/problem+json"))
    public Response login(JsonObject body) {
        LoginInput in = json.read(body, LoginInput.class, Set.of());
        String client = Forwarding.clientAddress(request);
        // Checked and counted at once: concurrent guesses cannot all pass before one is counted.
        LoginThrottle.Attempt attempt = throttle.attempt(in.username(), client);
        if (attempt.refused()) {
            LOG.warning(
                    () ->
                            "Login throttled for username "
                                    + LogText.quote(in.username())
                                    + " from "
                                    + client);
            throw ProblemException.tooManyRequests(attempt.retryAfterSeconds());
        }
        CredentialValidationResult result =
                identityStore.validate(
                        new UsernamePasswordCredential(in.username(), in.password()));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            LOG.warning(
                    () ->
                            "Failed login for username "
                                    + LogText.quote(in.username())
                                    + " from "
                                    + client);
            throw new ProblemException(
                    401, "Unauthorized", "Unable to log in with provided credentials.");
        }
        throttle.succeeded(attempt);
        User user = users.findByUsername(in.username());
        HttpSession session = request.getSession(false);
        if (session != null) {
            sessions.remove(session);
            session.invalidate();
        }
        session = request.getSession(true);
        session.setAttribute(SessionAuthenticationMechanism.USER_ID, user.id());
        sessions.add(user.id(), session);
        String token = Csrf.rotate(request, response);
        return Response.ok(MeView.from(user)).header(Csrf.HEADER, token).build();
    }

    @POST
    @Path("logout")
    @Operation(
            summary = "Log out",
            description =
                    "Ends the session; a new CSRF token is issued (in the csrftoken cookie) for the anonymous requests that follow.")
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(
            responseCode = "403",
            description = "CSRF failure",
            content = @Content(mediaType = "application/problem+json"))
    public Response logout() {
        HttpSession session = request.getSession(false);
        if (session != null) {
            sessions.remove(session);
            session.invalidate();
        }
        String token = Csrf.rotate(request, response);
        return Response.noContent().header(Csrf.HEADER, token).build();
    }

    @GET
    @Path("me")
    @Operation(summary = "The logged-in user")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(ref = "MeView")))
    @APIResponse(
            responseCode = "401",
            description = "Not logged in",
            content = @Content(mediaType = "application/problem+json"))
    public Response me() {
        Permissions.requireAuthenticated(caller);
        return Response.ok(MeView.from(users.find(caller.id())))
                .header("Cache-Control", "private, no-cache")
                .build();
    }

    /** {@code GET /auth/me/}: who is logged in. */
    public record MeView(Long id, String username, String email, boolean is_staff) {
        static MeView from(User u) {
            return new MeView(u.id(), u.username(), u.email(), u.staff());
        }
    }
}
