package io.ansaf.realtime;

import io.ansaf.http.Forwarding;
import io.ansaf.http.Origins;
import io.ansaf.http.Problems;
import io.ansaf.text.LogText;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
            Problems.write(
                    res, 403, "Forbidden", "Origin " + origin + " may not open this socket.");
            return;
        }
        String client = Forwarding.clientKey(req);
        if (maxPerClient > 0 && dashboards.openBy(client) >= maxPerClient) {
            res.setHeader("Retry-After", "10");
            Problems.write(
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
}
