package io.ansaf.content;

import io.ansaf.http.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;

/**
 * {@link ContentChanged} as it travels through Redis between instances: one JSON object that keeps
 * everything delivery needs, the audiences included, with the resource view embedded as JSON rather
 * than as an escaped string.
 */
final class ChangeCodec {
    private ChangeCodec() {}

    static String encode(ContentChanged e) {
        JsonObjectBuilder o =
                Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("channel", e.channel())
                        .add("model", e.model())
                        .add("action", e.action())
                        .add("id", e.id())
                        .add("timestamp", e.timestamp().toString())
                        .add("before", audience(e.before()))
                        .add("after", audience(e.after()));
        if (e.dataJson() == null) o.addNull("data");
        else o.add("data", Jsonp.PROVIDER.createReader(new StringReader(e.dataJson())).readValue());
        return o.build().toString();
    }

    static ContentChanged decode(String json) {
        JsonObject o = Jsonp.PROVIDER.createReader(new StringReader(json)).readObject();
        JsonValue data = o.get("data");
        return new ContentChanged(
                o.getString("channel"),
                o.getString("model"),
                o.getString("action"),
                o.getString("id"),
                data == null || data == JsonValue.NULL ? null : data.toString(),
                Instant.parse(o.getString("timestamp")),
                audience(o.getJsonObject("before")),
                audience(o.getJsonObject("after")),
                null);
    }

    private static JsonObject audience(Audience a) {
        JsonObjectBuilder o = Jsonp.PROVIDER.createObjectBuilder().add("everyone", a.everyone());
        if (a.ownerId() == null) o.addNull("owner_id");
        else o.add("owner_id", a.ownerId());
        return o.build();
    }

    private static Audience audience(JsonObject o) {
        return new Audience(
                o.getBoolean("everyone"),
                o.isNull("owner_id") ? null : o.getJsonNumber("owner_id").longValue());
    }
}
