package io.ansaf.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one reader of every JSON request body: exactly one JSON object, nothing after it, nested at
 * most {@value #MAX_DEPTH} levels, no string longer than {@code ansaf.json.max-string-chars}.
 * Anything else is a {@code 400} problem that says what was expected, checked by a streaming pass
 * before the object is built (so a body nested 100,000 levels deep never reaches the recursive
 * builder), and a body past the size limit is {@code 413} whether or not it declared its length
 * ({@link HttpBasicsFilter} counts a chunked one).
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Priority(Priorities.USER)
public class StrictJsonObjectReader implements MessageBodyReader<JsonObject> {
    static final int MAX_DEPTH = 64;

    @Inject
    @ConfigProperty(name = "ansaf.json.max-string-chars")
    int maxStringChars;

    @Override
    public boolean isReadable(
            Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(
            Class<JsonObject> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        byte[] body;
        try {
            body = entityStream.readAllBytes();
        } catch (BodyLimit.BodyTooLargeException e) {
            throw new ProblemException(413, "Content Too Large", e.getMessage());
        }
        check(body);
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject();
        } catch (JsonException e) {
            throw ProblemException.badRequest("Malformed JSON: " + e.getMessage());
        }
    }

    /** The streaming pass: shape, depth, string lengths and nothing after the object. */
    void check(byte[] body) {
        try (JsonParser parser = Jsonp.PROVIDER.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext())
                throw ProblemException.badRequest("Expected a JSON object; the body is empty.");
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT) {
                throw ProblemException.badRequest(
                        "Expected a JSON object, got " + describe(first) + ".");
            }
            int depth = 1;
            while (depth > 0) {
                JsonParser.Event e = parser.next();
                switch (e) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw ProblemException.badRequest(
                                    "JSON nested deeper than " + MAX_DEPTH + " levels.");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME, VALUE_STRING -> {
                        if (parser.getString().length() > maxStringChars) {
                            throw ProblemException.badRequest(
                                    "A JSON string is longer than "
                                            + maxStringChars
                                            + " characters.");
                        }
                    }
                    default -> {}
                }
            }
            if (moreAfterTheObject(parser))
                throw ProblemException.badRequest("Unexpected data after the JSON object.");
        } catch (JsonParsingException e) {
            throw ProblemException.badRequest("Malformed JSON: " + e.getMessage());
        } catch (JsonException | java.util.NoSuchElementException e) {
            throw ProblemException.badRequest(
                    "Malformed JSON: the body ends before the object does.");
        }
    }

    // The parser reports a second value after the first with an exception ("Expected EOF token").
    private static boolean moreAfterTheObject(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (JsonParsingException e) {
            return true;
        }
    }

    private static String describe(JsonParser.Event e) {
        return switch (e) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER -> "a number";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> e.toString();
        };
    }
}
