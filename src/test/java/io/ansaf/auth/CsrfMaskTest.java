package io.ansaf.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The BREACH mask of the CSRF token: a fresh string each time, the same secret under it. */
class CsrfMaskTest {
    private static final String SECRET = "00112233445566778899aabbccddeeff".repeat(2);

    @Test
    void mask_isFreshEachTime_andUnmasksToTheSecret() {
        String a = Csrf.mask(SECRET);
        String b = Csrf.mask(SECRET);
        assertNotEquals(a, b);
        assertEquals(128, a.length());
        byte[] secret = HexFormat.of().parseHex(SECRET);
        assertArrayEquals(secret, Csrf.secretOf(a));
        assertArrayEquals(secret, Csrf.secretOf(b));
    }

    @Test
    void anUnmaskedToken_standsForItself_andAnythingElseForNothing() {
        assertArrayEquals(HexFormat.of().parseHex(SECRET), Csrf.secretOf(SECRET));
        assertNull(Csrf.secretOf("not hex at all"));
        assertNull(Csrf.secretOf("zz" + SECRET.substring(2)));
        assertNull(Csrf.secretOf(SECRET + "00"));
    }
}
