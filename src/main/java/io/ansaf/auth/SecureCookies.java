package io.ansaf.auth;

import io.ansaf.platform.Settings;
import io.ansaf.platform.StartupFailure;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.Locale;

/**
 * {@code ANSAF_SECURE_COOKIES=true} marks the session and CSRF cookies {@code Secure} on every
 * response, like Django's {@code SESSION_COOKIE_SECURE} and {@code CSRF_COOKIE_SECURE}. Behind a
 * proxy that terminates TLS, the container sees plain HTTP and would never mark the session cookie
 * itself (it decides from the connection, not from {@code X-Forwarded-Proto}); the CSRF cookie is
 * marked anyway when a trusted proxy says the request came over HTTPS.
 *
 * <p>{@code ANSAF_COOKIE_SAMESITE} ({@code Lax} by default, {@code Strict}, {@code None}) is both
 * cookies' {@code SameSite}. {@code Lax} serves a front end on the same site (another port or a
 * subdomain); a front end on another site needs {@code None}, which browsers accept only on a
 * {@code Secure} cookie, so {@code None} without {@code ANSAF_SECURE_COOKIES=true} refuses to
 * start. The session cookie gets it from the HTTP listener ({@code server-config/run} passes the
 * value to Payara's {@code cookie-same-site-value}), the CSRF cookie from {@link Csrf}.
 */
@WebListener
public class SecureCookies implements ServletContextListener {
    static final String SAME_SITE = "ansaf.cookie.samesite";
    private static volatile boolean always;
    private static volatile String sameSite = "Lax";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        always =
                Boolean.parseBoolean(
                        Settings.optional("ansaf.secure-cookies").orElse("false").trim());
        sameSite = sameSite(Settings.optional(SAME_SITE).orElse("Lax"), always);
        // Only possible while the application starts: the container fixes the cookie's form then.
        if (always) event.getServletContext().getSessionCookieConfig().setSecure(true);
        event.getServletContext().getSessionCookieConfig().setAttribute("SameSite", sameSite);
    }

    /**
     * The {@code SameSite} value a setting names, in its canonical case; ends start-up when the
     * value is unknown, or {@code None} without Secure cookies.
     */
    static String sameSite(String setting, boolean secure) {
        String v = setting.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "lax" -> "Lax";
            case "strict" -> "Strict";
            case "none" -> {
                if (!secure)
                    StartupFailure.exit(
                            SAME_SITE,
                            "SameSite=None needs Secure cookies (browsers drop a SameSite=None"
                                    + " cookie without Secure): set ANSAF_SECURE_COOKIES=true and serve"
                                    + " Ansaf over HTTPS, or use Lax for a front end on the same site");
                yield "None";
            }
            default -> {
                StartupFailure.exit(SAME_SITE, "'" + setting + "' is none of Lax, Strict or None");
                yield "Lax";
            }
        };
    }

    /** The {@code SameSite} of the session and CSRF cookies. */
    static String sameSite() {
        return sameSite;
    }

    /** Whether every cookie we set must carry {@code Secure}, whatever the request's scheme. */
    static boolean always() {
        return always;
    }
}
