package io.ansaf.blog;

import io.ansaf.platform.AnsafDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts post views without writing on the read path: a view is an in-memory increment, and every
 * {@code ANSAF_VIEWS_FLUSH_MILLIS} the increments go to the database as one {@code UPDATE posts SET
 * view_count = view_count + n} per post. Pending counts are added to what this instance shows, and
 * flushed once more at shutdown, so a graceful stop loses nothing: Payara Micro does not undeploy
 * on SIGTERM, so a JVM shutdown hook writes what is left through a plain JDBC connection. The
 * increment is relative, so instances never overwrite each other's counts.
 */
@ApplicationScoped
public class ViewCounter {
    private static final Logger LOG = Logger.getLogger(ViewCounter.class.getName());

    private final Map<Long, LongAdder> pending = new ConcurrentHashMap<>();

    @Resource ManagedScheduledExecutorService scheduler;

    @Inject ViewFlusher flusher;

    @Inject
    @ConfigProperty(name = "ansaf.views.flush-millis")
    long flushMillis;

    private ScheduledFuture<?> task;
    private DataSource direct;
    private final Thread shutdownHook =
            new Thread(this::flushDirect, "ansaf-view-counter-shutdown");

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        direct = AnsafDataSource.direct();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        task =
                scheduler.scheduleWithFixedDelay(
                        this::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    }

    void count(long postId) {
        pending.computeIfAbsent(postId, k -> new LongAdder()).increment();
    }

    long pending(long postId) {
        LongAdder a = pending.get(postId);
        return a == null ? 0 : a.sum();
    }

    private Map<Long, Long> drain() {
        Map<Long, Long> batch = new TreeMap<>();
        for (Map.Entry<Long, LongAdder> e : pending.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) batch.put(e.getKey(), n);
        }
        return batch;
    }

    /**
     * Moves the pending increments to the database; what fails to write is put back for the next
     * round.
     */
    synchronized void flush() {
        Map<Long, Long> batch = drain();
        if (batch.isEmpty()) return;
        try {
            flusher.write(batch);
        } catch (RuntimeException e) {
            batch.forEach((id, n) -> pending.computeIfAbsent(id, k -> new LongAdder()).add(n));
            LOG.log(Level.WARNING, "View counts not flushed, will retry: " + e);
        }
    }

    /** The last flush, from the JVM shutdown hook: plain JDBC, one transaction. */
    synchronized void flushDirect() {
        Map<Long, Long> batch = drain();
        if (batch.isEmpty()) return;
        try (Connection c = direct.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "UPDATE posts SET view_count = view_count + ? WHERE id = ?")) {
            c.setAutoCommit(false);
            for (Map.Entry<Long, Long> e : batch.entrySet()) {
                s.setLong(1, e.getValue());
                s.setLong(2, e.getKey());
                s.addBatch();
            }
            s.executeBatch();
            c.commit();
            LOG.info(() -> "Flushed the views of " + batch.size() + " post(s) at shutdown");
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "View counts lost at shutdown: " + batch, e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) task.cancel(false);
        flush();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway and finds nothing left to flush
        }
    }
}
