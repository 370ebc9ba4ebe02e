package io.ansaf.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** Computed independently with Python's hashlib.pbkdf2_hmac, as Django does. */
    static final String DJANGO_HASH =
            "pbkdf2_sha256$1000$seasalt1234$dVCseRolHWXn3dKCrJlqQnEHNpty/gC2g6pUYtCGT/4=";

    @Test
    void verifiesHashesMadeByDjango() {
        assertTrue(PasswordHasher.verify("correct horse battery", DJANGO_HASH));
        assertFalse(PasswordHasher.verify("correct horse batterY", DJANGO_HASH));
    }

    @Test
    void producesDjangoFormat_withTheSameDerivation() {
        assertEquals(
                DJANGO_HASH, PasswordHasher.hash("correct horse battery", "seasalt1234", 1000));
    }

    @Test
    void newHashes_areSalted_slow_andVerify() {
        String a = PasswordHasher.hash("same password");
        String b = PasswordHasher.hash("same password");
        assertNotEquals(a, b);
        assertTrue(a.startsWith("pbkdf2_sha256$" + PasswordHasher.ITERATIONS + "$"));
        assertTrue(PasswordHasher.verify("same password", a));
        assertFalse(a.contains("same password"));
    }

    @Test
    void malformedStoredHashes_neverVerify() {
        for (String bad :
                new String[] {
                    null,
                    "",
                    "plain",
                    "md5$1$x$y",
                    "pbkdf2_sha256$x$salt$hash",
                    "pbkdf2_sha256$10$salt$!!notbase64"
                }) {
            assertFalse(PasswordHasher.verify("x", bad), String.valueOf(bad));
        }
        assertFalse(PasswordHasher.verify(null, DJANGO_HASH));
    }
}
