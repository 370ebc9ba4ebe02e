package io.ansaf.realtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket handshake over a plain TCP socket, for what {@code java.net.http} will not do: send
 * any {@code Origin}, or complete the handshake and then never read (a stuck client). The receive
 * buffer is kept small so that a client that does not read stops the server's writes soon.
 */
final class RawSocket implements AutoCloseable {
    final Socket socket = new Socket();
    final String statusLine;

    RawSocket(URI base, String path, String origin) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        socket.setSoTimeout(10_000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request =
                "GET "
                        + path
                        + " HTTP/1.1\r\nHost: "
                        + base.getHost()
                        + ":"
                        + base.getPort()
                        + "\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: "
                        + Base64.getEncoder().encodeToString(nonce)
                        + "\r\n"
                        + (origin == null ? "" : "Origin: " + origin + "\r\n")
                        + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        statusLine = readHead(socket.getInputStream()).lines().findFirst().orElse("");
    }

    /** Reads the response head byte by byte, so that no frame after it is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4
                    && h[n - 4] == '\r'
                    && h[n - 3] == '\n'
                    && h[n - 2] == '\r'
                    && h[n - 1] == '\n') break;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    int status() {
        String[] parts = statusLine.split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
