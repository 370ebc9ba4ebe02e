package io.ansaf.realtime;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashSet;
import java.util.Set;

/**
 * Registers the dashboard sockets with the WebSocket container: {@code /ws/v1/blogs/} and {@code
 * /ws/v1/pages/}, and the same without the trailing slash (the REST API answers those with a
 * redirect, which a WebSocket client does not follow). Annotated endpoints, should any be added,
 * are deployed as found.
 */
public class DashboardEndpoints implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        Set<ServerEndpointConfig> configs = new HashSet<>();
        for (String channel : Dashboards.CHANNELS) {
            for (String path : new String[] {"/ws/v1/" + channel + "/", "/ws/v1/" + channel}) {
                ServerEndpointConfig config =
                        ServerEndpointConfig.Builder.create(DashboardEndpoint.class, path)
                                .configurator(new SocketHandshake())
                                .build();
                config.getUserProperties().put(SocketHandshake.CHANNEL, channel);
                configs.add(config);
            }
        }
        return configs;
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned;
    }
}
