package io.ansaf.content;

import static io.ansaf.content.ChangeExamples.PAGE;
import static io.ansaf.content.ChangeExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeCodecTest {
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
                        Audience.NOBODY,
                        null);
        assertEquals(deleted, ChangeCodec.decode(ChangeCodec.encode(deleted)));
    }
}
