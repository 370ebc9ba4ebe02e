package io.ansaf.content;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;

/**
 * A change with every field awkward (quotes in the id, microseconds, an owner) for codec and frame
 * tests.
 */
public final class ChangeExamples {
    public static final ContentChanged PAGE =
            new ContentChanged(
                    "pages",
                    "page",
                    "updated",
                    "about \"us\"",
                    "{\"title\":\"About\",\"version\":2,\"tags\":[1,2]}",
                    Instant.parse("2024-01-01T12:00:00.123456Z"),
                    new Audience(false, null),
                    new Audience(true, 7L),
                    new EventId("k2x9", 42));

    private ChangeExamples() {}

    public static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }
}
