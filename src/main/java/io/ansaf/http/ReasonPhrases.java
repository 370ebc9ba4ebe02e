package io.ansaf.http;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Standard reason phrases on the status line for the codes the API answers that Grizzly (Payara's
 * HTTP layer) does not know: without this a throttled login reads {@code HTTP/1.1 429 CUSTOM}.
 * Servlet 6 offers no way to set a reason phrase, so this registers RFC 9110/6585 phrases in
 * Grizzly's own table ({@code HttpStatus.register}, private) once at start-up, by reflection. On a
 * server without Grizzly it does nothing: the phrase is cosmetic, HTTP clients read the code.
 */
@WebListener
public class ReasonPhrases implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(ReasonPhrases.class.getName());

    /** Codes Ansaf answers, with their standard phrases (RFC 9110, RFC 6585). */
    static final Map<Integer, String> STANDARD =
            Map.of(
                    308, "Permanent Redirect",
                    413, "Content Too Large",
                    422, "Unprocessable Content",
                    428, "Precondition Required",
                    429, "Too Many Requests",
                    431, "Request Header Fields Too Large");

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            Class<?> status =
                    Class.forName(
                            "org.glassfish.grizzly.http.util.HttpStatus",
                            true,
                            event.getServletContext().getClass().getClassLoader());
            Method getStatus = status.getMethod("getHttpStatus", int.class);
            Method phrase = status.getMethod("getReasonPhrase");
            Method register = status.getDeclaredMethod("register", int.class, String.class);
            register.setAccessible(true);
            for (Map.Entry<Integer, String> e : STANDARD.entrySet()) {
                Object known = getStatus.invoke(null, e.getKey());
                if (!e.getValue().equals(phrase.invoke(known)))
                    register.invoke(null, e.getKey(), e.getValue());
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "reason phrases left to the server", e);
        }
    }
}
