import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deliberately small WebSocket client for the benchmark: many sockets, one selector thread, no
 * per-message allocation beyond the text itself. The JDK's HttpClient WebSocket hands every frame
 * to an executor and costs the client side more CPU than the server spends writing it, which on a
 * 2-core machine shared with the servers shows up as server latency. Here a message is
 * timestamped on the thread that read it, straight after the read returned.
 *
 * Handles what the dashboard sockets send: unmasked text frames (also fragmented), pings
 * (answered with a masked pong), close. Nothing else of RFC 6455 is needed by the benchmark.
 */
final class RawSockets implements AutoCloseable {
    /** Called on the reader thread for every complete text message. */
    interface OnText {
        void text(int socket, String message, long receivedNanos);
    }

    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    /** When each socket's handshake started ({@link System#nanoTime()}). */
    final long[] startedNanos;

    /** Opens {@code n} sockets to {@code path} and starts reading them. */
    RawSockets(int port, String path, int n, OnText onText) throws IOException {
        this(port, path, n, onText, 1);
    }

    /**
     * Opens {@code n} sockets to {@code path} from {@code threads} threads at once, reading each as
     * soon as its handshake is done (so what the server sends straight after the handshake, a
     * catch-up replay, is timed as it arrives).
     */
    RawSockets(int port, String path, int n, OnText onText, int threads) throws IOException {
        selector = Selector.open();
        startedNanos = new long[n];
        reader = new Thread(this::readLoop, "raw-sockets-reader");
        reader.setDaemon(true);
        reader.start();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> openers = new ArrayList<>();
        List<IOException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Thread opener = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < n && failures.isEmpty(); ) {
                    try {
                        startedNanos[i] = System.nanoTime();
                        SocketChannel c = handshake(port, path);
                        c.configureBlocking(false);
                        c.register(selector, SelectionKey.OP_READ, new Frames(i, onText));
                        selector.wakeup();
                        synchronized (channels) {
                            channels.add(c);
                        }
                    } catch (IOException e) {
                        failures.add(e);
                    }
                }
            });
            opener.start();
            openers.add(opener);
        }
        for (Thread opener : openers) {
            try {
                opener.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        if (!failures.isEmpty()) throw failures.get(0);
    }

    int size() {
        return channels.size();
    }

    private static SocketChannel handshake(int port, String path) throws IOException {
        SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        c.socket().setTcpNoDelay(true);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        c.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        // Read the response head byte by byte so no frame that follows it is swallowed.
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (c.read(one) < 0) throw new IOException("handshake cut off: " + head);
            head.append((char) one.get(0));
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) throw new IOException("handshake refused: " + head);
        return c;
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        try {
            while (running) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel c = (SocketChannel) key.channel();
                    buffer.clear();
                    int read;
                    try {
                        read = c.read(buffer);
                    } catch (IOException closed) {
                        read = -1;
                    }
                    long now = System.nanoTime();
                    if (read < 0) {
                        key.cancel();
                        continue;
                    }
                    buffer.flip();
                    ((Frames) key.attachment()).consume(buffer, c, now);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            if (running) e.printStackTrace();
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel c : channels) c.close();
        selector.close();
    }

    /** Reassembles one socket's frames from whatever slices the reads return. */
    private static final class Frames {
        private final int socket;
        private final OnText onText;
        private byte[] pending = new byte[0];
        private final java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();

        Frames(int socket, OnText onText) {
            this.socket = socket;
            this.onText = onText;
        }

        void consume(ByteBuffer in, SocketChannel c, long now) throws IOException {
            byte[] data = new byte[pending.length + in.remaining()];
            System.arraycopy(pending, 0, data, 0, pending.length);
            in.get(data, pending.length, data.length - pending.length);
            int at = 0;
            while (true) {
                if (data.length - at < 2) break;
                int b0 = data[at] & 0xff, b1 = data[at + 1] & 0xff;
                long length = b1 & 0x7f;
                int header = 2;
                if (length == 126) {
                    if (data.length - at < 4) break;
                    length = ((data[at + 2] & 0xff) << 8) | (data[at + 3] & 0xff);
                    header = 4;
                } else if (length == 127) {
                    if (data.length - at < 10) break;
                    length = 0;
                    for (int i = 2; i < 10; i++) length = (length << 8) | (data[at + i] & 0xff);
                    header = 10;
                }
                if ((b1 & 0x80) != 0) throw new IOException("server frames must not be masked");
                if (data.length - at - header < length) break;
                int start = at + header, end = (int) (start + length);
                at = end;
                int opcode = b0 & 0x0f;
                boolean fin = (b0 & 0x80) != 0;
                switch (opcode) {
                    case 0x1, 0x0 -> {
                        message.write(data, start, end - start);
                        if (fin) {
                            onText.text(socket, message.toString(StandardCharsets.UTF_8), now);
                            message.reset();
                        }
                    }
                    case 0x9 -> pong(c, data, start, end);
                    default -> { } // pong, close, binary: the benchmark has no use for them
                }
            }
            pending = java.util.Arrays.copyOfRange(data, at, data.length);
        }

        private static void pong(SocketChannel c, byte[] data, int start, int end) throws IOException {
            int n = end - start;
            ByteBuffer frame = ByteBuffer.allocate(6 + n);
            frame.put((byte) 0x8a).put((byte) (0x80 | n));
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.put(mask);
            for (int i = 0; i < n; i++) frame.put((byte) (data[start + i] ^ mask[i & 3]));
            frame.flip();
            while (frame.hasRemaining()) c.write(frame);
        }
    }
}
