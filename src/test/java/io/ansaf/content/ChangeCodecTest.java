package io.ansaf.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeCodecTest {
    static final ContentChanged PAGE =
            new ContentChanged(
                    "pages",
                    "page",
                    "updated",
                    "about \"us\"",
                    "{\"title\":\"About\",\"version\":2,\"tags\":[1,2]}",
                    Instant.parse("2024-01-01T12:00:00.123456Z"),
                    new Audience(false, null),
                    new Audience(true, 7L));

    static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void codec_roundTripsEveryField() {
        ContentChanged back = ChangeCodec.decode(ChangeCodec.encode(PAGE));
        assertEquals(PAGE.channel(), back.channel());
        assertEquals(PAGE.id(), back.id());
        assertEquals(PAGE.timestamp(), back.timestamp());
        assertEquals(PAGE.before(), back.before());
        assertEquals(PAGE.after(), back.after());
        assertEquals(json(PAGE.dataJson()), json(back.dataJson()));
        ContentChanged deleted =
                new ContentChanged(
                        "blogs",
                        "post",
                        "deleted",
                        "9",
                        null,
                        Instant.EPOCH,
                        new Audience(false, 3L),
                        Audience.NOBODY);
        assertEquals(deleted, ChangeCodec.decode(ChangeCodec.encode(deleted)));
    }
}
