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

/**
 * Refuses, with {@code 403}, a socket handshake from a browser page of a foreign origin: the
 * session cookie would otherwise let any site read a logged-in user's drafts (cross-site WebSocket
 * hijacking). A servlet filter rather than {@code Configurator.checkOrigin}, because "the server's
 * own origin" needs the request's {@code Host} (and, behind a trusted proxy, its scheme), which
 * {@code checkOrigin} is not given. It runs before the WebSocket container's filter. The origins
 * besides its own are those the API trusts ({@link Origins}: {@code ANSAF_CORS_ORIGINS}, {@code
 * ANSAF_ALLOWED_ORIGINS}, {@code ANSAF_PUBLIC_URL}).
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class SocketOriginFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(SocketOriginFilter.class.getName());

    @Inject Origins origins;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String origin = req.getHeader("Origin");
        if (!origins.isTrusted(origin, Forwarding.ownOrigin(req))) {
            LOG.warning(() -> "Refused a socket handshake from origin " + LogText.quote(origin));
            res.setStatus(403);
            res.setContentType(Problems.MEDIA_TYPE + ";charset=UTF-8");
            byte[] body =
                    Problems.body(
                                    403,
                                    "Forbidden",
                                    "Origin " + origin + " may not open this socket.",
                                    JsonObject.EMPTY_JSON_OBJECT)
                            .toString()
                            .getBytes(StandardCharsets.UTF_8);
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
            return;
        }
        chain.doFilter(req, res);
    }
}
