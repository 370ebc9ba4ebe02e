package io.ansaf.realtime;

import static io.ansaf.content.ChangeExamples.PAGE;
import static io.ansaf.content.ChangeExamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.content.Audience;
import io.ansaf.content.ContentChanged;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SocketMessagesTest {
    @Test
    void change_hasExactlyTheContractKeys_andEmbedsTheView() {
        JsonObject m = json(SocketMessages.change(PAGE));
        assertEquals(
                Set.of("type", "model", "action", "id", "data", "timestamp", "event_id"),
                m.keySet());
        assertEquals("k2x9-000000000042", m.getString("event_id"));
        assertEquals("page_change", m.getString("type"));
        assertEquals("page", m.getString("model"));
        assertEquals("updated", m.getString("action"));
        assertEquals("about \"us\"", m.getString("id"));
        assertEquals(2, m.getJsonObject("data").getInt("version"));
        assertEquals("2024-01-01T12:00:00Z", m.getString("timestamp"));
    }

    @Test
    void gone_isADeletionWithoutData() {
        JsonObject m = json(SocketMessages.gone(PAGE));
        assertEquals("deleted", m.getString("action"));
        assertTrue(m.isNull("data"));
        assertEquals("page_change", m.getString("type"));
    }

    @Test
    void blogChannel_isBlogChange() {
        ContentChanged post =
                new ContentChanged(
                        "blogs",
                        "comment",
                        "deleted",
                        "5",
                        null,
                        Instant.EPOCH,
                        Audience.EVERYONE,
                        Audience.NOBODY,
                        null);
        JsonObject m = json(SocketMessages.change(post));
        assertEquals("blog_change", m.getString("type"));
        assertTrue(m.isNull("data"));
        assertEquals("1970-01-01T00:00:00Z", m.getString("timestamp"));
    }
}
