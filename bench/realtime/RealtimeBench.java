import io.ansaf.it.Api;
import io.ansaf.it.RedisForTests;
import io.ansaf.it.ServerProcess;
import io.ansaf.it.TestDatabase;
import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fan-out benchmark of the dashboard sockets (not a test): latency from a PATCH's response to the
 * message's arrival on every socket, with 100 and 1000 sockets on one instance (in-process
 * delivery) and across two instances through Redis; and heap per idle socket. Boots its own
 * servers with the project's test harness. See README.md next to this file.
 */
public class RealtimeBench {
    static final String ADMIN = "admin", PASSWORD = "admin-password-123";
    static final int PATCHES = Integer.getInteger("bench.patches", 50);
    static final int IDLE = Integer.getInteger("bench.idle", 10_000);
    static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    static final HttpClient WS = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    static final List<String> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        TestDatabase pg = TestDatabase.postgres();
        TestDatabase h2 = TestDatabase.create();
        int redisPort = ServerProcess.freePort();
        String redis = RedisForTests.startOwn(redisPort);
        Map<String, String> admin = Map.of("ANSAF_ADMIN_USERNAME", ADMIN, "ANSAF_ADMIN_PASSWORD", PASSWORD,
                "JAVA_OPTS", "-Xmx1g -XX:+UseSerialGC");
        ServerProcess single = new ServerProcess("bench-single", merge(h2.env(), admin, Map.of("REDIS_URL", "")));
        ServerProcess a = new ServerProcess("bench-a", merge(pg.env(), admin, Map.of("REDIS_URL", redis)));
        ServerProcess b = new ServerProcess("bench-b", merge(pg.env(), Map.of("REDIS_URL", redis, "JAVA_OPTS", "-Xmx1g -XX:+UseSerialGC")));
        try {
            CompletableFuture.allOf(CompletableFuture.runAsync(single::start),
                    CompletableFuture.runAsync(a::start).thenRun(b::start)).join();
            for (int n : new int[] {100, 1000}) fanOut("one instance, in-process", single, single, n);
            for (int n : new int[] {100, 1000}) fanOut("A -> B via Redis", a, b, n);
            idleMemory(single, IDLE);
        } finally {
            single.close();
            a.close();
            b.close();
            RedisForTests.stopOwn(redisPort);
            pg.close();
            h2.close();
        }
        System.out.println();
        System.out.printf("%-28s %7s %8s %8s %8s %8s %10s%n", "scenario", "sockets", "p50 ms", "p99 ms", "max ms", "patch ms", "messages");
        rows.forEach(System.out::println);
        // The WebSocket client's executor threads are not daemons: without this the JVM stays.
        System.exit(0);
    }

    /** Sockets on {@code watched}, PATCHes on {@code writer}; one published post changed PATCHES times. */
    static void fanOut(String scenario, ServerProcess writer, ServerProcess watched, int sockets) throws Exception {
        Api staff = new Api(writer.base()).login(ADMIN, PASSWORD);
        Api.Res created = staff.post("/api/v1/blogs/posts/", Json.createObjectBuilder()
                .add("title", "Bench " + System.nanoTime()).add("status", "published").build());
        long id = created.id();
        Map<Integer, AtomicLongArray> arrivals = new ConcurrentHashMap<>();
        List<WebSocket> open = connect(watched, sockets, id, arrivals);
        Thread.sleep(500);
        long[] fromResponse = new long[PATCHES * sockets];
        long[] patchMillis = new long[PATCHES];
        int k = 0;
        for (int p = 0; p < PATCHES; p++) {
            int version = p + 2;
            AtomicLongArray slots = new AtomicLongArray(sockets);
            arrivals.put(version, slots);
            long sent = System.nanoTime();
            Api.Res r = staff.patch("/api/v1/blogs/posts/" + id + "/", Json.createObjectBuilder().add("excerpt", "v" + version).build());
            long answered = System.nanoTime();
            if (r.status() != 200) throw new IllegalStateException(r.toString());
            patchMillis[p] = (answered - sent) / 1_000_000;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (missing(slots) && System.nanoTime() < deadline) Thread.sleep(1);
            for (int i = 0; i < sockets; i++) {
                long t = slots.get(i);
                if (t == 0) throw new IllegalStateException("a socket missed version " + version);
                fromResponse[k++] = Math.max(0, t - answered);
            }
        }
        open.forEach(WebSocket::abort);
        Arrays.sort(fromResponse);
        Arrays.sort(patchMillis);
        rows.add(String.format("%-28s %7d %8.1f %8.1f %8.1f %8d %10d", scenario, sockets, ms(fromResponse, 0.50), ms(fromResponse, 0.99),
                fromResponse[fromResponse.length - 1] / 1e6, patchMillis[PATCHES / 2], fromResponse.length));
        System.out.println(rows.get(rows.size() - 1));
    }

    static boolean missing(AtomicLongArray slots) {
        for (int i = 0; i < slots.length(); i++) if (slots.get(i) == 0) return true;
        return false;
    }

    static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static List<WebSocket> connect(ServerProcess server, int n, long postId, Map<Integer, AtomicLongArray> arrivals) {
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws/v1/blogs/");
        String idField = "\"id\":\"" + postId + "\"";
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        List<WebSocket> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            WebSocket.Listener listener = new WebSocket.Listener() {
                final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        long now = System.nanoTime();
                        String m = text.toString();
                        text.setLength(0);
                        Matcher v = VERSION.matcher(m);
                        if (m.contains(idField) && v.find()) {
                            AtomicLongArray slots = arrivals.get(Integer.parseInt(v.group(1)));
                            if (slots != null) slots.set(index, now);
                        }
                    }
                    ws.request(1);
                    return null;
                }
            };
            pending.add(WS.newWebSocketBuilder().buildAsync(uri, listener));
            if (pending.size() == 200) open.addAll(drain(pending));
        }
        open.addAll(drain(pending));
        return open;
    }

    static List<WebSocket> drain(List<CompletableFuture<WebSocket>> pending) {
        List<WebSocket> done = pending.stream().map(f -> f.orTimeout(60, TimeUnit.SECONDS).join()).toList();
        pending.clear();
        return done;
    }

    /** Heap after a full GC, before and after opening n idle sockets, from /metrics. */
    static void idleMemory(ServerProcess server, int n) throws Exception {
        long before = heapAfterGc(server);
        List<WebSocket> open = connect(server, n, -1, new ConcurrentHashMap<>());
        Thread.sleep(2000);
        long after = heapAfterGc(server);
        rows.add(String.format("%-28s %7d  heap before %d MiB, after %d MiB: %.1f KiB per idle socket",
                "idle sockets", n, before >> 20, after >> 20, (after - before) / 1024.0 / n));
        System.out.println(rows.get(rows.size() - 1));
        open.forEach(WebSocket::abort);
    }

    static long heapAfterGc(ServerProcess server) throws Exception {
        new ProcessBuilder("jcmd", Long.toString(server.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.base().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^\\w*memory_usedHeap_bytes(?:\\{[^}]*\\})? ([0-9.eE+]+)").matcher(metrics);
        if (!m.find()) throw new IllegalStateException("no memory_usedHeap_bytes in /metrics");
        return (long) Double.parseDouble(m.group(1));
    }

    @SafeVarargs
    static Map<String, String> merge(Map<String, String>... maps) {
        Map<String, String> all = new HashMap<>();
        for (Map<String, String> m : maps) all.putAll(m);
        return all;
    }
}
