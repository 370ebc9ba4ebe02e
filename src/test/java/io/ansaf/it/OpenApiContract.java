package io.ansaf.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.HttpCookie;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Checks what a test's {@link Api} sends and receives against the served OpenAPI document
 * (swagger-request-validator): a field a view writes but the document does not name, an
 * undocumented status code or header type, a problem body of the wrong shape is a violation. A
 * request is judged only when the server accepted it (2xx/3xx), since tests send invalid ones on
 * purpose; the response is always judged. Two answers concern paths the document does not name, and
 * are judged by the rules that README and docs/api.md state instead: a path without its trailing
 * slash is a {@code 308} to the slashed one, and a path outside the document is a {@code 404} (or
 * {@code 405} for a method it does not have) problem+json. {@code OPTIONS} (CORS preflights) is not
 * judged: CorsIT checks it.
 */
public final class OpenApiContract implements Consumer<Api.Exchange> {
    private final OpenApiInteractionValidator validator;
    private final List<String> violations = new ArrayList<>();

    public OpenApiContract(String document) {
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    }

    @Override
    public synchronized void accept(Api.Exchange e) {
        String path = e.uri().getRawPath();
        // The document is the API under /api/v1/ (not the Swagger UI at /api/docs/); OPTIONS (CORS
        // preflights, Allow) is HTTP machinery that it does not describe.
        if (!path.startsWith("/api/v1/") || e.method().equals("OPTIONS")) return;
        int status = e.response().status();
        if (status == 308 && !path.endsWith("/")) {
            String expected =
                    path + "/" + (e.uri().getRawQuery() == null ? "" : "?" + e.uri().getRawQuery());
            String location = e.response().header("Location").orElse("");
            if (!location.endsWith(expected))
                violations.add(
                        e.method()
                                + " "
                                + e.uri()
                                + " -> 308 to "
                                + location
                                + ", not "
                                + expected);
            return;
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(e.method(), path);
        e.headers().forEach(request::withHeader);
        if (!e.cookies().isEmpty()) {
            request.withHeader(
                    "Cookie",
                    e.cookies().stream()
                            .map(HttpCookie::toString)
                            .collect(Collectors.joining("; ")));
        }
        if (e.body() != null) request.withBody(e.body());
        String query = e.uri().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name =
                        URLDecoder.decode(
                                eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value =
                        eq < 0
                                ? ""
                                : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                request.withQueryParam(name, value);
            }
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(e.response().status());
        e.response()
                .headers()
                .map()
                .forEach(
                        (name, values) -> {
                            if (name != null && !name.startsWith(":"))
                                response.withHeader(name, values);
                        });
        if (e.response().body() != null && !e.response().body().isEmpty())
            response.withBody(e.response().body());
        SimpleRequest built = request.build();
        ValidationReport report =
                e.response().status() < 400
                        ? validator.validate(built, response.build())
                        : validator.validateResponse(path, built.getMethod(), response.build());
        for (ValidationReport.Message m : report.getMessages()) {
            if ((status == 404 && m.getKey().equals("validation.request.path.missing"))
                    || (status == 405
                            && m.getKey().equals("validation.request.operation.notAllowed"))) {
                if (!e.response().contentType().startsWith("application/problem+json")) {
                    violations.add(
                            e.method()
                                    + " "
                                    + e.uri()
                                    + " -> "
                                    + status
                                    + ": not a problem+json body");
                }
                continue;
            }
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                violations.add(
                        e.method()
                                + " "
                                + e.uri()
                                + " -> "
                                + e.response().status()
                                + ": ["
                                + m.getKey()
                                + "] "
                                + m.getMessage());
            }
        }
    }

    /** What disagreed with the document so far, one line each. */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }
}
