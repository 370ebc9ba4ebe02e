package io.ansaf.realtime;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Finds out at the handshake who opens a dashboard socket: the HTTP session the cookie names (never
 * creating one) and whether the container authenticated the request as staff (the session mechanism
 * re-reads the user on every request, the upgrade request included, so a deactivated user arrives
 * here anonymous). {@code Origin} is checked before this, by {@link SocketOriginFilter}, which can
 * see the request's own host.
 */
final class SocketHandshake extends ServerEndpointConfig.Configurator {
    static final String CHANNEL = "ansaf.channel";
    static final String VIEWER = "ansaf.viewer";
    static final String CLIENT = "ansaf.client";

    @Override
    public void modifyHandshake(
            ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        // Since WebSocket 2.1 (Tyrus 2.1) these user properties are this connection's own copy.
        String client = SocketOriginFilter.CLIENT.get();
        if (client != null) config.getUserProperties().put(CLIENT, client);
        config.getUserProperties()
                .put(
                        VIEWER,
                        Viewer.of(
                                (HttpSession) request.getHttpSession(),
                                request.isUserInRole("staff")));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(
                new DashboardEndpoint(CDI.current().select(Dashboards.class).get()));
    }
}
