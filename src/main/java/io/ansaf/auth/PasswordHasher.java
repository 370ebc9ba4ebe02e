package io.ansaf.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes in Django's format ({@code
 * pbkdf2_sha256$iterations$salt$hash}), so that users migrated from the Django backend Ansaf
 * replaces log in with their old passwords. Plain Java, no container: the command-line password
 * reset uses it too.
 */
public final class PasswordHasher {
    /** OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is 600,000; Django 5 uses 870,000. */
    public static final int ITERATIONS = 600_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SALT_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private PasswordHasher() {}

    public static String hash(String password) {
        StringBuilder salt = new StringBuilder(22);
        for (int i = 0; i < 22; i++)
            salt.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
        return hash(password, salt.toString(), ITERATIONS);
    }

    static String hash(String password, String salt, int iterations) {
        return "pbkdf2_sha256$"
                + iterations
                + "$"
                + salt
                + "$"
                + Base64.getEncoder().encodeToString(derive(password, salt, iterations, 32));
    }

    /** Constant-time comparison against a stored hash; a malformed hash never verifies. */
    public static boolean verify(String password, String stored) {
        if (password == null || stored == null) return false;
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2_sha256")) return false;
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            byte[] actual = derive(password, parts[2], iterations, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String password, String salt, int iterations, int bytes) {
        try {
            PBEKeySpec spec =
                    new PBEKeySpec(
                            password.toCharArray(),
                            salt.getBytes(StandardCharsets.UTF_8),
                            iterations,
                            bytes * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
