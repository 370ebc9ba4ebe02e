package io.ansaf.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * JSON-B as the contract wants it: snake_case names, nulls written out (DRF clients expect {@code
 * "category": null}, not a missing key), timestamps in UTC to the second. Configured once, here;
 * views carry no annotations.
 */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {
    private static final Jsonb JSONB =
            JsonbBuilder.create(
                    new JsonbConfig()
                            .withPropertyNamingStrategy(
                                    PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
                            .withNullValues(true)
                            .withAdapters(new UtcSeconds()));

    /** {@code value} as the API writes it, as a JSON object to add to. */
    public static jakarta.json.JsonObject toJsonObject(Object value) {
        try (var reader =
                Jsonp.PROVIDER.createReader(new java.io.StringReader(JSONB.toJson(value)))) {
            return reader.readObject();
        }
    }

    /**
     * Timestamps as the contract writes them, {@code 2024-01-01T12:00:00Z}: UTC, to the second (the
     * precision of Last-Modified too); the database keeps microseconds for ordering.
     */
    public static final class UtcSeconds implements JsonbAdapter<Instant, String> {
        @Override
        public String adaptToJson(Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }

        @Override
        public Instant adaptFromJson(String text) {
            return Instant.parse(text);
        }
    }

    public static Jsonb jsonb() {
        return JSONB;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
