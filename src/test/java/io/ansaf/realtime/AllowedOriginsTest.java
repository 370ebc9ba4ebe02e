package io.ansaf.realtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllowedOriginsTest {
    final AllowedOrigins origins = new AllowedOrigins(" https://app.example.com , http://localhost:3000,");

    @Test
    void noOrigin_isNotABrowserPage_andIsAllowed() {
        assertTrue(origins.allows(null, "http", "api.example.com"));
    }

    @Test
    void ownOrigin_isAllowed_withDefaultPortsAndCaseIgnored() {
        assertTrue(origins.allows("http://api.example.com:8080", "http", "api.example.com:8080"));
        assertTrue(origins.allows("https://API.example.com", "https", "api.example.com:443"));
        assertFalse(origins.allows("http://api.example.com", "https", "api.example.com"), "scheme is part of the origin");
        assertFalse(origins.allows("http://api.example.com:8081", "http", "api.example.com:8080"));
    }

    @Test
    void listedOrigins_areAllowed_othersRefused() {
        assertTrue(origins.allows("https://app.example.com", "http", "api.example.com"));
        assertTrue(origins.allows("https://app.example.com:443", "http", "api.example.com"));
        assertTrue(origins.allows("http://localhost:3000", "http", "api.example.com"));
        assertFalse(origins.allows("http://localhost:3001", "http", "api.example.com"));
        assertFalse(origins.allows("https://evil.example", "http", "api.example.com"));
        assertFalse(origins.allows("null", "http", "api.example.com"));
        assertFalse(origins.allows("https://evil.example", "http", null));
    }
}
