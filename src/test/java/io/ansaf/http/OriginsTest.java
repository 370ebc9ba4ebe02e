package io.ansaf.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginsTest {
    static Origins origins(String cors, String allowed, String publicUrl) {
        Origins o = new Origins();
        o.corsOrigins = Optional.ofNullable(cors);
        o.allowedOrigins = Optional.ofNullable(allowed);
        o.publicUrl = Optional.ofNullable(publicUrl);
        return o;
    }

    final Origins origins =
            origins(" https://app.example.com , http://localhost:3000,", null, null);

    @Test
    void noOrigin_isNotABrowserPage_andIsTrusted() {
        assertTrue(origins.isTrusted(null, "http://api.example.com"));
        assertFalse(origins.isCorsOrigin(null));
    }

    @Test
    void ownOrigin_isTrusted_withDefaultPortsAndCaseIgnored() {
        assertTrue(origins.isTrusted("http://api.example.com:8080", "http://api.example.com:8080"));
        assertTrue(origins.isTrusted("https://API.example.com", "https://api.example.com:443"));
        assertFalse(
                origins.isTrusted("http://api.example.com", "https://api.example.com"),
                "scheme is part of the origin");
        assertFalse(
                origins.isTrusted("http://api.example.com:8081", "http://api.example.com:8080"));
        assertFalse(
                origins.isCorsOrigin("http://api.example.com:8080"), "its own pages need no CORS");
    }

    @Test
    void listedOrigins_areTrustedAndMayUseCors_othersRefused() {
        for (String o :
                new String[] {
                    "https://app.example.com",
                    "https://app.example.com:443",
                    "http://localhost:3000"
                }) {
            assertTrue(origins.isTrusted(o, "http://api.example.com"), o);
            assertTrue(origins.isCorsOrigin(o), o);
        }
        for (String o : new String[] {"http://localhost:3001", "https://evil.example", "null"}) {
            assertFalse(origins.isTrusted(o, "http://api.example.com"), o);
            assertFalse(origins.isCorsOrigin(o), o);
        }
        assertFalse(origins.isTrusted("https://evil.example", "http://null"));
    }

    @Test
    void oldSettingName_andPublicUrl_countToo() {
        Origins o = origins("", "http://allowed.example", "https://blog.example.org/ansaf/");
        assertTrue(o.isCorsOrigin("http://allowed.example"), "ANSAF_ALLOWED_ORIGINS is an alias");
        assertTrue(
                o.isTrusted("https://blog.example.org", "http://10.0.0.5:8080"),
                "the public URL's origin");
        assertFalse(
                o.isCorsOrigin("https://blog.example.org"),
                "the public URL is the server itself, not a CORS origin");
    }

    @Test
    void canonical_lowerCase_withoutDefaultPort() {
        assertEquals("https://a.example", Origins.canonical("HTTPS://A.Example:443"));
        assertEquals("http://a.example:8080", Origins.canonical(" http://a.example:8080 "));
        assertEquals(
                "https://blog.example.org", Origins.canonical("https://blog.example.org/ansaf/"));
    }
}
