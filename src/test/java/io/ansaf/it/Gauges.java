package io.ansaf.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the application's own gauges from {@code /metrics} (Prometheus text). */
public final class Gauges {
    private Gauges() {}

    public static long read(Api api, String name) {
        Matcher m =
                Pattern.compile("(?m)^\\S*" + Pattern.quote(name) + "\\S*\\s+([0-9.E]+)")
                        .matcher(api.get("/metrics").body());
        assertTrue(m.find(), name + " gauge in /metrics");
        return (long) Double.parseDouble(m.group(1));
    }

    /** Conditional GETs the server answered 304 from cached validators. */
    public static long cachedValidatorHits(Api api) {
        return read(api, "ansaf_cached_validator_hits");
    }
}
