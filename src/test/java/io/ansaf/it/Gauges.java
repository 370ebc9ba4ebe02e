package io.ansaf.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the application's own gauges from {@code /metrics} (Prometheus text), which a server serves
 * on its metrics listener only.
 */
public final class Gauges {
    private Gauges() {}

    /** The whole {@code /metrics} text of the server {@code api} talks to. */
    public static String text(Api api) {
        URI metrics = ServerProcess.metricsBase(api.base()).resolve("/metrics");
        try {
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(metrics).build(),
                                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200)
                throw new AssertionError(metrics + " answered " + r.statusCode() + ": " + r.body());
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static long read(Api api, String name) {
        Matcher m =
                Pattern.compile("(?m)^\\S*" + Pattern.quote(name) + "\\S*\\s+([0-9.E]+)")
                        .matcher(text(api));
        assertTrue(m.find(), name + " gauge in /metrics");
        return (long) Double.parseDouble(m.group(1));
    }

    /** Conditional GETs the server answered 304 from cached validators. */
    public static long cachedValidatorHits(Api api) {
        return read(api, "ansaf_cached_validator_hits");
    }
}
