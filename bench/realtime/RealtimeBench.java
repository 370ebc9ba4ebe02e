import io.ansaf.it.Api;
import io.ansaf.it.RedisForTests;
import io.ansaf.it.ServerProcess;
import io.ansaf.it.TestDatabase;
import jakarta.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
    /** PATCHes made and delivered before measuring, so the JIT has compiled the delivery path. */
    static final int WARMUP = Integer.getInteger("bench.warmup", 20);
    static final int IDLE = Integer.getInteger("bench.idle", 10_000);
    static final int[] SIZES = Arrays.stream(System.getProperty("bench.sizes", "100,1000,10000").split(","))
            .mapToInt(Integer::parseInt).toArray();
    static final boolean VIA_REDIS = Boolean.parseBoolean(System.getProperty("bench.redis", "true"));
    /** When set, each fan-out is recorded with JFR on the watched server into this folder. */
    static final String JFR = System.getProperty("bench.jfr");
    /** Sockets that reconnect at once with ?since= (0: skip), and how many changes behind. */
    static final int RECONNECT = Integer.getInteger("bench.reconnect", 1000);
    static final int BEHIND = Integer.getInteger("bench.behind", 100);
    static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");
    static final List<String> catchUpRows = new ArrayList<>();
    static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
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
            CompletableFuture.allOf(CompletableFuture.runAsync(single::start), VIA_REDIS
                    ? CompletableFuture.runAsync(a::start).thenRun(b::start) : CompletableFuture.completedFuture(null)).join();
            for (int n : SIZES) fanOut("one instance, in-process", single, single, n);
            if (VIA_REDIS) for (int n : SIZES) fanOut("A -> B via Redis", a, b, n);
            if (RECONNECT > 0) {
                catchUp("one instance, in-process", single, single, RECONNECT);
                if (VIA_REDIS) catchUp("A -> B via Redis", a, b, RECONNECT);
            }
            if (IDLE > 0) idleMemory(single, IDLE);
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
        if (!catchUpRows.isEmpty()) {
            System.out.println();
            System.out.printf("%-28s %7s %7s %8s %8s %8s %12s%n", "catch-up scenario", "sockets", "behind", "p50 ms", "p99 ms",
                    "max ms", "last served ms");
            catchUpRows.forEach(System.out::println);
        }
    }

    /**
     * {@code sockets} sockets reconnect to {@code watched} at once with {@code ?since=} an id
     * {@link #BEHIND} changes old (made on {@code writer}): for each, the time from the start of its
     * handshake to the last replayed change arriving; and from the first handshake to the last
     * socket served.
     */
    static void catchUp(String scenario, ServerProcess writer, ServerProcess watched, int sockets) throws Exception {
        Api staff = new Api(writer.base()).login(ADMIN, PASSWORD);
        long id = staff.post("/api/v1/blogs/posts/", Json.createObjectBuilder()
                .add("title", "Catch-up " + System.nanoTime()).add("status", "published").build()).id();
        String[] since = new String[1];
        java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
        try (RawSockets one = new RawSockets(watched.port(), "/ws/v1/blogs/", 1, (s, m, now) -> {
            Matcher e = EVENT_ID.matcher(m);
            if (m.contains("\"excerpt\":\"from\"") && e.find()) {
                since[0] = e.group(1);
                seen.countDown();
            }
        })) {
            Thread.sleep(300);
            staff.patch("/api/v1/blogs/posts/" + id + "/", Json.createObjectBuilder().add("excerpt", "from").build());
            if (!seen.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("no event id");
        }
        for (int i = 0; i < BEHIND; i++)
            staff.patch("/api/v1/blogs/posts/" + id + "/", Json.createObjectBuilder().add("excerpt", "behind " + i).build());
        Thread.sleep(500);
        java.util.concurrent.atomic.AtomicIntegerArray received = new java.util.concurrent.atomic.AtomicIntegerArray(sockets);
        long[] done = new long[sockets];
        java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(sockets);
        long first = System.nanoTime();
        RawSockets open = new RawSockets(watched.port(), "/ws/v1/blogs/?since=" + since[0], sockets, (s, m, now) -> {
            if (m.startsWith("{\"type\":\"resync\"")) throw new IllegalStateException("resync instead of a replay: " + m);
            if (received.incrementAndGet(s) == BEHIND) {
                done[s] = now;
                all.countDown();
            }
        }, 8);
        boolean served = all.await(60, TimeUnit.SECONDS);
        open.close();
        if (!served) throw new IllegalStateException(all.getCount() + " sockets did not get their replay");
        long[] took = new long[sockets];
        long last = 0;
        for (int i = 0; i < sockets; i++) {
            took[i] = done[i] - open.startedNanos[i];
            last = Math.max(last, done[i]);
        }
        Arrays.sort(took);
        catchUpRows.add(String.format("%-28s %7d %7d %8.1f %8.1f %8.1f %12.1f", scenario, sockets, BEHIND, ms(took, 0.5),
                ms(took, 0.99), took[sockets - 1] / 1e6, (last - first) / 1e6));
        System.out.println(catchUpRows.get(catchUpRows.size() - 1));
    }

    /** Sockets on {@code watched}, PATCHes on {@code writer}; one published post changed PATCHES times. */
    static void fanOut(String scenario, ServerProcess writer, ServerProcess watched, int sockets) throws Exception {
        Api staff = new Api(writer.base()).login(ADMIN, PASSWORD);
        Api.Res created = staff.post("/api/v1/blogs/posts/", Json.createObjectBuilder()
                .add("title", "Bench " + System.nanoTime()).add("status", "published").build());
        long id = created.id();
        Map<Integer, AtomicLongArray> arrivals = new ConcurrentHashMap<>();
        RawSockets open = connect(watched, sockets, id, arrivals);
        Thread.sleep(500);
        String recording = JFR == null ? null : JFR + "/" + watched.port() + "-" + sockets + ".jfr";
        if (recording != null) jcmd(watched, "JFR.start", "name=bench", "settings=" + JFR + "/profile.jfc");
        long[] fromResponse = new long[PATCHES * sockets];
        long[] patchMillis = new long[PATCHES];
        int k = 0;
        for (int p = -WARMUP; p < PATCHES; p++) {
            int version = p + WARMUP + 2;
            AtomicLongArray slots = new AtomicLongArray(sockets);
            arrivals.put(version, slots);
            long sent = System.nanoTime();
            Api.Res r = staff.patch("/api/v1/blogs/posts/" + id + "/", Json.createObjectBuilder().add("excerpt", "v" + version).build());
            long answered = System.nanoTime();
            if (r.status() != 200) throw new IllegalStateException(r.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (missing(slots) && System.nanoTime() < deadline) Thread.sleep(1);
            if (p < 0) {
                if (missing(slots)) throw new IllegalStateException("a socket missed version " + version);
                continue;
            }
            patchMillis[p] = (answered - sent) / 1_000_000;
            for (int i = 0; i < sockets; i++) {
                long t = slots.get(i);
                if (t == 0) throw new IllegalStateException("a socket missed version " + version);
                fromResponse[k++] = Math.max(0, t - answered);
            }
            if (Boolean.getBoolean("bench.verbose")) {
                long[] these = Arrays.copyOfRange(fromResponse, k - sockets, k);
                Arrays.sort(these);
                System.out.printf("patch %d: %d ms; arrivals p50 %.1f, p90 %.1f, max %.1f ms%n", p, patchMillis[p],
                        ms(these, 0.5), ms(these, 0.9), these[sockets - 1] / 1e6);
            }
        }
        if (recording != null) jcmd(watched, "JFR.stop", "name=bench", "filename=" + new java.io.File(recording).getAbsolutePath());
        open.close();
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

    static RawSockets connect(ServerProcess server, int n, long postId, Map<Integer, AtomicLongArray> arrivals) throws Exception {
        String idField = "\"id\":\"" + postId + "\"";
        return new RawSockets(server.port(), "/ws/v1/blogs/", n, (socket, m, now) -> {
            Matcher v = VERSION.matcher(m);
            if (m.contains(idField) && v.find()) {
                AtomicLongArray slots = arrivals.get(Integer.parseInt(v.group(1)));
                if (slots != null) slots.set(socket, now);
            }
        });
    }

    /** Heap after a full GC, before and after opening n idle sockets, from /metrics. */
    static void idleMemory(ServerProcess server, int n) throws Exception {
        long before = heapAfterGc(server);
        RawSockets open = connect(server, n, -1, new ConcurrentHashMap<>());
        Thread.sleep(2000);
        long after = heapAfterGc(server);
        rows.add(String.format("%-28s %7d  heap before %d MiB, after %d MiB: %.1f KiB per idle socket",
                "idle sockets", n, before >> 20, after >> 20, (after - before) / 1024.0 / n));
        System.out.println(rows.get(rows.size() - 1));
        open.close();
    }

    static long heapAfterGc(ServerProcess server) throws Exception {
        jcmd(server, "GC.run");
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.metricsBase().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^\\w*memory_usedHeap_bytes(?:\\{[^}]*\\})? ([0-9.eE+]+)").matcher(metrics);
        if (!m.find()) throw new IllegalStateException("no memory_usedHeap_bytes in /metrics");
        return (long) Double.parseDouble(m.group(1));
    }

    static void jcmd(ServerProcess server, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(server.pid())));
        line.addAll(List.of(command));
        new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor(60, TimeUnit.SECONDS);
    }

    @SafeVarargs
    static Map<String, String> merge(Map<String, String>... maps) {
        Map<String, String> all = new HashMap<>();
        for (Map<String, String> m : maps) all.putAll(m);
        return all;
    }
}
