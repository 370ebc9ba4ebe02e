package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which coding a request gets, and which media are worth coding. */
class CompressionTest {
    @Test
    void negotiate_takesTheHighestAcceptedQ_brFirstOnATie_andOnlyWhenAvailable() {
        assertNull(Compression.negotiate(null, true));
        assertNull(Compression.negotiate("", true));
        assertNull(Compression.negotiate("identity", true));
        assertNull(Compression.negotiate("deflate, zstd", true));
        assertEquals("gzip", Compression.negotiate("gzip", true));
        assertEquals("gzip", Compression.negotiate("x-gzip", true));
        assertEquals("br", Compression.negotiate("gzip, deflate, br, zstd", true));
        assertEquals("gzip", Compression.negotiate("gzip, deflate, br", false));
        assertEquals("gzip", Compression.negotiate("br;q=0.5, gzip", true));
        assertEquals("br", Compression.negotiate("br;q=1.0, gzip;q=0.8", true));
        assertNull(Compression.negotiate("gzip;q=0, br;q=0", true));
        assertEquals("br", Compression.negotiate("*", true));
        assertEquals("gzip", Compression.negotiate("*;q=0.5, br;q=0", true));
        assertNull(Compression.negotiate("gzip;q=nonsense", true));
    }

    @Test
    void compressible_coversTextJsonXmlScriptAndSvg_notMediaThatIsCompressedAlready() {
        for (String t :
                new String[] {
                    "application/json",
                    "application/problem+json;charset=UTF-8",
                    "text/html; charset=utf-8",
                    "text/javascript",
                    "application/javascript",
                    "application/xml",
                    "image/svg+xml",
                    "application/yaml"
                }) {
            assertTrue(Compression.compressible(t), t);
        }
        for (String t :
                new String[] {"image/png", "image/webp", "application/zip", "application/gzip"}) {
            assertFalse(Compression.compressible(t), t);
        }
        assertFalse(Compression.compressible(null));
    }
}
