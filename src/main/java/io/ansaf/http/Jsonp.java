package io.ansaf.http;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider the application uses.
 *
 * <p>Every static {@code jakarta.json.Json.createXxx} call looks the provider up again through a
 * {@code ServiceLoader} scan of the class path, which inside Payara takes class-loader locks and
 * showed up as the hottest frames of a write under load (JFR). Looking it up once and calling it
 * directly costs nothing per call.
 */
public final class Jsonp {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsonp() {}
}
