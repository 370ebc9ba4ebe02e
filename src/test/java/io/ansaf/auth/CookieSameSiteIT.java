package io.ansaf.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ansaf.it.ServerProcess;
import io.ansaf.it.TestAdmin;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code ANSAF_COOKIE_SAMESITE=None} without Secure cookies is refused at start-up with one line
 * naming the setting: browsers would drop such cookies, and the front end would never log in.
 */
class CookieSameSiteIT {
    @Test
    void sameSiteNone_withoutSecureCookies_stopsStartUp_withOneLineNamingTheSetting()
            throws Exception {
        Map<String, String> env = new HashMap<>(TestAdmin.env());
        env.put(
                "ANSAF_DATA_DIR",
                ServerProcess.workDir().resolve("samesite-" + UUID.randomUUID()).toString());
        env.put("ANSAF_COOKIE_SAMESITE", "None");
        try (ServerProcess server = new ServerProcess("samesite-none", env).startExpectingExit()) {
            int exit = server.awaitExit(Duration.ofSeconds(180));
            assertTrue(exit != 0, "non-zero exit, was " + exit);
            String log = server.logText();
            assertTrue(
                    log.contains(
                            "Ansaf cannot start: setting ANSAF_COOKIE_SAMESITE (ansaf.cookie.samesite)"),
                    log);
            assertTrue(log.contains("ANSAF_SECURE_COOKIES=true"), log);
        }
    }
}
