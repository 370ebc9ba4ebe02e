package io.ansaf.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Ansaf server for the tests, launched exactly as README does ({@code server-config/run}:
 * Payara Micro with the built WAR), configured by environment variables, and stopped by its PID.
 * Start-up is checked through {@code /health/ready} and the log, never the "ready" line alone:
 * Payara Micro logs "ready" even when the deployment failed.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Path PROJECT =
            Path.of(System.getProperty("ansaf.serverConfig", "server-config"))
                    .toAbsolutePath()
                    .getParent();
    private static final Path WORK =
            Path.of(System.getProperty("ansaf.it.workDir", "target/it")).toAbsolutePath();

    private final String name;
    private final Map<String, String> env;
    private int port;
    private int metricsPort;
    private final Path log;

    /** The metrics listener of each server started here, by its public port. */
    private static final Map<Integer, Integer> METRICS_PORTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Process process;

    public ServerProcess(String name, Map<String, String> env) {
        this.name = name;
        this.env = new HashMap<>(env);
        // Every test client comes from 127.0.0.1 and most are anonymous: the general rate limit
        // and the socket cap would count them all as one client. Tests of those limits set them.
        this.env.putIfAbsent("ANSAF_RATE_LIMIT_READS", "1000000");
        this.env.putIfAbsent("ANSAF_RATE_LIMIT_WRITES", "1000000");
        this.env.putIfAbsent("ANSAF_WS_MAX_PER_CLIENT", "0");
        this.port = freePort();
        this.metricsPort = freePort();
        this.log = WORK.resolve(name + ".log");
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path workDir() {
        return WORK;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    /** Where the server at {@code base} serves {@code /metrics} (its own listener). */
    public static URI metricsBase(URI base) {
        Integer metrics = METRICS_PORTS.get(base.getPort());
        if (metrics == null) throw new IllegalStateException("no server of this run at " + base);
        return URI.create("http://127.0.0.1:" + metrics + "/");
    }

    public URI metricsBase() {
        return metricsBase(base());
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public ServerProcess start() {
        for (int attempt = 1; ; attempt++) {
            launch();
            try {
                awaitReady(Duration.ofSeconds(240));
                return this;
            } catch (PortTakenException e) {
                // freePort() is a guess: another process took the port before Payara bound it.
                if (attempt == 3) throw e;
                port = freePort();
                metricsPort = freePort();
            }
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }
    }

    /**
     * Waits for a server launched with {@link #startExpectingExit} to be ready (several started at
     * once).
     */
    public ServerProcess awaitStarted() {
        awaitReady(Duration.ofSeconds(300));
        return this;
    }

    /**
     * Launches without waiting: for a start-up that must fail (see {@link #awaitExit}), or with
     * {@link #awaitStarted}.
     */
    public ServerProcess startExpectingExit() {
        launch();
        return this;
    }

    private void launch() {
        try {
            Files.createDirectories(WORK);
            ProcessBuilder pb =
                    new ProcessBuilder(List.of(PROJECT.resolve("server-config/run").toString()))
                            .directory(PROJECT.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            pb.environment().put("PORT", Integer.toString(port));
            pb.environment().put("ANSAF_METRICS_PORT", Integer.toString(metricsPort));
            pb.environment().put("ANSAF_METRICS_ADDRESS", "127.0.0.1");
            METRICS_PORTS.put(port, metricsPort);
            pb.environment().putIfAbsent("JAVA_OPTS", "-Xmx768m -XX:+UseSerialGC");
            pb.environment().putAll(env);
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        // HTTP/1.1: polled with h2c upgrades while the WAR was still deploying, Grizzly's HTTP/2
        // session deadlocked two worker threads and the listener stopped answering (twice on this
        // machine under load). Readiness is what this asks, not HTTP/2.
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name
                                + " exited with "
                                + process.exitValue()
                                + " during start-up; see "
                                + log);
            }
            String text = logText();
            if (text.contains("Address already in use")) {
                close();
                throw new PortTakenException(name + ": port " + port + " taken; see " + log);
            }
            if (text.contains("Exception while preparing the app")
                    || text.contains("Exception while loading the app")) {
                close();
                throw new IllegalStateException(name + " failed to deploy; see " + log);
            }
            try {
                HttpResponse<String> r =
                        http.send(
                                HttpRequest.newBuilder(base().resolve("/health/ready"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        Path dump = WORK.resolve(name + "-threads.txt");
        threadDump(dump);
        close();
        throw new IllegalStateException(
                name
                        + " not ready within "
                        + timeout
                        + " (last /health/ready: "
                        + last
                        + "); see "
                        + log
                        + " and its threads at that moment in "
                        + dump);
    }

    /** What every thread of the server is doing, for a start-up that hangs. */
    private void threadDump(Path to) {
        try {
            new ProcessBuilder("jcmd", Long.toString(process.pid()), "Thread.print", "-l")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(to.toFile()))
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // The dump only helps diagnose; the caller reports the hang anyway.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Waits for the process to end by itself (a start-up that must fail) and returns its exit code.
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new IllegalStateException(name + " still running after " + timeout);
        }
        return process.exitValue();
    }

    /**
     * Ends the server with SIGKILL, as the OOM killer, a container runtime or a crash would: no
     * shutdown hook runs. {@code server-config/run} execs Java, so the launched process is the JVM
     * itself (checked, so that the test never kills a wrapper shell and leaves the server running).
     * Returns the exit code, 137 for a process ended by SIGKILL.
     */
    public int kill() throws InterruptedException {
        String command = process.info().command().orElse("");
        if (!Path.of(command).getFileName().toString().equals("java")) {
            throw new IllegalStateException(
                    name + ": process " + process.pid() + " is '" + command + "', not the JVM");
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS))
            throw new IllegalStateException(name + " survived SIGKILL");
        return process.exitValue();
    }

    /** Graceful stop (SIGTERM, as an orchestrator would), forced after 60 s. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
