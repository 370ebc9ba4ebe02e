package io.ansaf.auth;

import io.ansaf.platform.Settings;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * {@code ANSAF_SECURE_COOKIES=true} marks the session and CSRF cookies {@code Secure} on every
 * response, like Django's {@code SESSION_COOKIE_SECURE} and {@code CSRF_COOKIE_SECURE}. Behind a
 * proxy that terminates TLS, the container sees plain HTTP and would never mark the session cookie
 * itself (it decides from the connection, not from {@code X-Forwarded-Proto}); the CSRF cookie is
 * marked anyway when a trusted proxy says the request came over HTTPS.
 */
@WebListener
public class SecureCookies implements ServletContextListener {
    private static volatile boolean always;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        always =
                Boolean.parseBoolean(
                        Settings.optional("ansaf.secure-cookies").orElse("false").trim());
        // Only possible while the application starts: the container fixes the cookie's form then.
        if (always) event.getServletContext().getSessionCookieConfig().setSecure(true);
    }

    /** Whether every cookie we set must carry {@code Secure}, whatever the request's scheme. */
    static boolean always() {
        return always;
    }
}
