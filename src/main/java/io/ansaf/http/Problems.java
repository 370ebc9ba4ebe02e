package io.ansaf.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * Builds {@code application/problem+json} bodies (RFC 9457); the one place their shape is defined.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {}

    public static JsonObject body(int status, String title, String detail, JsonObject extensions) {
        JsonObjectBuilder b =
                Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("type", "about:blank")
                        .add("title", title)
                        .add("status", status)
                        .add("detail", detail == null ? title : detail);
        extensions.forEach(b::add);
        return b.build();
    }

    public static Response.ResponseBuilder response(
            int status, String title, String detail, JsonObject extensions) {
        // Written as text so that no JSON provider has to know the problem+json media type.
        return Response.status(status)
                .type(MEDIA_TYPE + ";charset=UTF-8")
                .entity(body(status, title, detail, extensions).toString());
    }

    /** Writes a problem to a servlet response, for filters that answer before JAX-RS. */
    public static void write(
            jakarta.servlet.http.HttpServletResponse res, int status, String title, String detail)
            throws java.io.IOException {
        res.setStatus(status);
        res.setContentType(MEDIA_TYPE + ";charset=UTF-8");
        byte[] bytes =
                body(status, title, detail, JsonObject.EMPTY_JSON_OBJECT)
                        .toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
    }

    /** What the server answers to at all: the {@code Allow} of a method nothing here takes. */
    public static final String KNOWN_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    public static Response response(int status, String detail) {
        Status s = Status.fromStatusCode(status);
        String title = s == null ? "Error" : s.getReasonPhrase();
        return response(status, title, detail, JsonObject.EMPTY_JSON_OBJECT).build();
    }
}
