package io.ansaf.realtime;

import io.ansaf.http.Forwarding;
import io.ansaf.http.Origins;
import io.ansaf.http.Problems;
import io.ansaf.text.LogText;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, with {@code 403}, a socket handshake from a browser page of a foreign origin: the
 * session cookie would otherwise let any site read a logged-in user's drafts (cross-site WebSocket
 * hijacking). A servlet filter rather than {@code Configurator.checkOrigin}, because "the server's
 * own origin" needs the request's {@code Host} (and, behind a trusted proxy, its scheme), which
 * {@code checkOrigin} is not given. It runs before the WebSocket container's filter. The origins
 * besides its own are those the API trusts ({@link Origins}: {@code ANSAF_CORS_ORIGINS}, {@code
 * ANSAF_ALLOWED_ORIGINS}, {@code ANSAF_PUBLIC_URL}).
 *
 * <p>It also caps the sockets one client (its user, else its address) holds open on this instance
 * at {@code ansaf.ws.max-per-client}: one more is refused with {@code 429}. The client is handed to
 * the handshake ({@link SocketHandshake}) on this thread, where the WebSocket container upgrades
 * the connection, so that {@link Dashboards} counts the socket under it until it closes.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class SocketOriginFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(SocketOriginFilter.class.getName());

    @Inject Origins origins;

    @Inject Dashboards dashboards;

    @Inject
    @ConfigProperty(name = "ansaf.ws.max-per-client")
    int maxPerClient;

    /** The client whose handshake this thread is running, for {@link SocketHandshake}. */
    static final ThreadLocal<String> CLIENT = new ThreadLocal<>();

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String origin = req.getHeader("Origin");
        if (!origins.isTrusted(origin, Forwarding.ownOrigin(req))) {
            LOG.warning(() -> "Refused a socket handshake from origin " + LogText.quote(origin));
            problem(res, 403, "Forbidden", "Origin " + origin + " may not open this socket.");
            return;
        }
        var user = req.getUserPrincipal();
        String client =
                user != null ? "user:" + user.getName() : "ip:" + Forwarding.clientAddress(req);
        if (maxPerClient > 0 && dashboards.openBy(client) >= maxPerClient) {
            res.setHeader("Retry-After", "10");
            problem(
                    res,
                    429,
                    "Too Many Requests",
                    "This client already has "
                            + maxPerClient
                            + " sockets open here; close one first.");
            return;
        }
        CLIENT.set(client);
        try {
            chain.doFilter(req, res);
        } finally {
            CLIENT.remove();
        }
    }

    private static void problem(HttpServletResponse res, int status, String title, String detail)
            throws IOException {
        res.setStatus(status);
        res.setContentType(Problems.MEDIA_TYPE + ";charset=UTF-8");
        byte[] body =
                Problems.body(status, title, detail, JsonObject.EMPTY_JSON_OBJECT)
                        .toString()
                        .getBytes(StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}
