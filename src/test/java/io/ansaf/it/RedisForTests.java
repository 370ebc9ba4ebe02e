package io.ansaf.it;

import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Redis for the integration tests: {@code REDIS_URL} when set, else a private {@code redis-server}
 * from PATH on a free port, stopped when the JVM ends.
 */
public final class RedisForTests {
    private static String url;
    private static Process own;
    private static final Map<Integer, Process> byPort = new ConcurrentHashMap<>();

    private RedisForTests() {}

    public static synchronized String url() {
        if (url != null) return url;
        String env = System.getenv("REDIS_URL");
        if (env != null && !env.isBlank()) {
            return url = env;
        }
        url = startOwn(ServerProcess.freePort());
        return url;
    }

    /** Starts a private redis-server on the given port (used directly by fault-injection tests). */
    public static synchronized String startOwn(int port) {
        try {
            java.nio.file.Files.createDirectories(ServerProcess.workDir());
            Process p =
                    new ProcessBuilder(
                                    "redis-server",
                                    "--port",
                                    Integer.toString(port),
                                    "--bind",
                                    "127.0.0.1",
                                    "--save",
                                    "",
                                    "--appendonly",
                                    "no")
                            .redirectErrorStream(true)
                            .redirectOutput(
                                    ServerProcess.workDir()
                                            .resolve("redis-" + port + ".log")
                                            .toFile())
                            .start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            awaitPort(port);
            if (own == null) own = p;
            byPort.put(port, p);
            return "redis://127.0.0.1:" + port;
        } catch (IOException e) {
            return null; // no redis-server on PATH: tests run without the bridge
        }
    }

    /**
     * Stops the redis-server that {@link #startOwn} started on this port (an outage, or cleanup).
     */
    public static synchronized void stopOwn(int port) throws InterruptedException {
        Process p = byPort.remove(port);
        if (p != null) stop(p);
    }

    static void awaitPort(int port) {
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                ServerProcess.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
    }
}
