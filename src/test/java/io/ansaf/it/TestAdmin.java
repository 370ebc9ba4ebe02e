package io.ansaf.it;

import java.net.URI;
import java.util.Map;

/**
 * The staff user every test server starts with: its name, password and environment, in one place.
 */
public final class TestAdmin {
    public static final String USERNAME = "admin";
    public static final String PASSWORD = "admin-password-123";

    private TestAdmin() {}

    /** {@code ANSAF_ADMIN_USERNAME} and {@code ANSAF_ADMIN_PASSWORD} for a server's environment. */
    public static Map<String, String> env() {
        return Map.of("ANSAF_ADMIN_USERNAME", USERNAME, "ANSAF_ADMIN_PASSWORD", PASSWORD);
    }

    /** A client of the server at {@code base}, signed in as the admin. */
    public static Api login(URI base) {
        return new Api(base).login(USERNAME, PASSWORD);
    }
}
