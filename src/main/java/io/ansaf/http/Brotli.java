package io.ansaf.http;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.IOException;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code br} coding through Brotli4j, a maintained binding of Google's Brotli with native
 * libraries per platform. The WAR carries the Linux x86_64 one; on any other platform (or if the
 * library does not load) {@link #available} is false and responses fall back to {@code gzip}.
 * Quality 4 costs about what gzip's default does and compresses JSON a little better.
 */
final class Brotli {
    private static final Logger LOG = Logger.getLogger(Brotli.class.getName());
    private static final int QUALITY = 4;
    private static final boolean AVAILABLE = load();

    private Brotli() {}

    static boolean available() {
        return AVAILABLE;
    }

    static OutputStream encoder(OutputStream out) throws IOException {
        return new BrotliOutputStream(out, new Encoder.Parameters().setQuality(QUALITY));
    }

    private static boolean load() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable unavailable) { // UnsatisfiedLinkError, NoClassDefFoundError
            LOG.log(
                    Level.INFO,
                    "Brotli unavailable here, responses use gzip only: {0}",
                    unavailable.toString());
            return false;
        }
    }
}
