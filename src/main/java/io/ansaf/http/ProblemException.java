package io.ansaf.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure that the client should see as an RFC 9457 problem. Domain code throws one of the
 * factories below; {@link ProblemExceptionMapper} writes it as {@code application/problem+json}.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final JsonObject extensions;
    private final Map<String, String> headers;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, JsonObject.EMPTY_JSON_OBJECT, Map.of());
    }

    public ProblemException(
            int status,
            String title,
            String detail,
            JsonObject extensions,
            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.extensions = extensions;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public JsonObject extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Response toResponse() {
        Response.ResponseBuilder r = Problems.response(status, title, getMessage(), extensions);
        headers.forEach(r::header);
        return r.build();
    }

    public static ProblemException notFound(String model, Object id) {
        return new ProblemException(404, "Not Found", "No " + model + " with id '" + id + "'.");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    /** A 400 naming a single query parameter or field, in the contract's {@code errors} shape. */
    public static ProblemException invalid(String field, String message) {
        return invalid(Map.of(field, List.of(message)));
    }

    public static ProblemException invalid(Map<String, List<String>> errors) {
        JsonObjectBuilder e = Jsonp.PROVIDER.createObjectBuilder();
        new LinkedHashMap<>(errors)
                .forEach(
                        (field, messages) ->
                                e.add(field, Jsonp.PROVIDER.createArrayBuilder(messages)));
        return new ProblemException(
                400,
                "Invalid input",
                "One or more fields are invalid.",
                Jsonp.PROVIDER.createObjectBuilder().add("errors", e).build(),
                Map.of());
    }

    public static ProblemException notAuthenticated() {
        return new ProblemException(
                401, "Unauthorized", "Authentication credentials were not provided.");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException versionConflict(long currentVersion) {
        return versionConflict(versionConflictBody(currentVersion));
    }

    /**
     * The version conflict of a write whose {@code If-Match} names an older version still kept:
     * also which fields changed since then, and which of those the request sends too.
     */
    public static ProblemException versionConflict(
            long currentVersion, List<String> changedFields, List<String> conflictingFields) {
        return versionConflict(
                versionConflictBody(currentVersion)
                        .add("changed_fields", Jsonp.PROVIDER.createArrayBuilder(changedFields))
                        .add(
                                "conflicting_fields",
                                Jsonp.PROVIDER.createArrayBuilder(conflictingFields)));
    }

    /** The seed's 409 body, kept for its clients. */
    private static JsonObjectBuilder versionConflictBody(long currentVersion) {
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("error", "Version conflict")
                .add("message", "Resource has been modified by another user")
                .add("current_version", currentVersion);
    }

    private static ProblemException versionConflict(JsonObjectBuilder body) {
        return new ProblemException(
                409,
                "Conflict",
                "Resource has been modified by another user",
                body.build(),
                Map.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException preconditionRequired() {
        return new ProblemException(
                428,
                "Precondition Required",
                "This server requires conditional writes: send If-Match with the resource's ETag or version.");
    }

    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        return new ProblemException(
                429,
                "Too Many Requests",
                "Too many failed attempts; try again in " + retryAfterSeconds + " seconds.",
                JsonObject.EMPTY_JSON_OBJECT,
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
}
