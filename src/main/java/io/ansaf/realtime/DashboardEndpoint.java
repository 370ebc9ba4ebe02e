package io.ansaf.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One dashboard socket ({@code /ws/v1/blogs/} or {@code /ws/v1/pages/}): it only listens. On open
 * it joins {@link Dashboards} with the viewer found at the handshake; what the client sends is
 * ignored. A programmatic endpoint rather than {@code @ServerEndpoint}: one class serves both
 * channels, each with and without the trailing slash (see {@link DashboardEndpoints}).
 */
public class DashboardEndpoint extends Endpoint {
    private static final Logger LOG = Logger.getLogger(DashboardEndpoint.class.getName());

    /** Clients have nothing to say; a small limit keeps them from making the server buffer much. */
    private static final int MAX_INCOMING_BYTES = 1024;

    private final Dashboards dashboards;
    private volatile Subscriber subscriber;

    DashboardEndpoint(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        String channel = (String) session.getUserProperties().get(SocketHandshake.CHANNEL);
        Viewer viewer =
                (Viewer)
                        session.getUserProperties()
                                .getOrDefault(SocketHandshake.VIEWER, Viewer.ANONYMOUS);
        session.setMaxTextMessageBufferSize(MAX_INCOMING_BYTES);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) ignored -> {});
        List<String> since = session.getRequestParameterMap().get("since");
        String client = (String) session.getUserProperties().get(SocketHandshake.CLIENT);
        subscriber =
                dashboards.open(
                        client,
                        channel,
                        session,
                        viewer,
                        since == null || since.isEmpty() ? null : since.get(0));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        Subscriber s = subscriber;
        if (s != null) dashboards.closed(s);
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.log(Level.FINE, "Dashboard socket error", failure);
    }
}
