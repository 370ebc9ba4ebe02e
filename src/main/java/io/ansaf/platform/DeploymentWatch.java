package io.ansaf.platform;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Ends the process when Ansaf's deployment fails on Payara Micro, whatever the cause: Payara Micro
 * logs the failure, then "ready", and keeps running a server that answers {@code 404} everywhere
 * and whose health checks answer {@code 503}. A process manager without health checks keeps such a
 * zombie forever. Ending it with one line that says what failed lets systemd, compose ({@code
 * restart: on-failure}) or Kubernetes restart it, and tells the operator why.
 *
 * <p>This is the one place that judges the deployment's outcome: no bean needs to know it runs at
 * start-up. A CDI extension is the earliest code of the WAR that the container runs (Weld reads it
 * before it starts any bean, and before the EJB container starts the {@code @Startup} singletons:
 * migrations, the admin user), so it installs a log handler that watches the container's own report
 * of a failed deployment ({@code SEVERE} on {@code javax.enterprise.system.core}), and removes
 * itself at Payara Micro's "ready".
 *
 * <p>On Payara Server a failed deployment is the deployer's answer to {@code asadmin deploy}, and
 * the domain serves other applications: nothing is ended there.
 */
public class DeploymentWatch implements Extension {
    static final int EXIT_CODE = 3;
    private static final Logger LOG = Logger.getLogger("io.ansaf");
    private static final String CONTAINER_LOGGER = "javax.enterprise.system.core";

    void watch(@Observes BeforeBeanDiscovery ignored) {
        if (System.getProperty("fish.payara.micro.BootJar") == null) return; // not Payara Micro
        Logger root = LogManager.getLogManager().getLogger("");
        root.addHandler(new Watcher(root));
    }

    /** Whether a log record is the container saying that the deployment failed. */
    static boolean isDeploymentFailure(LogRecord r) {
        return r.getLevel().intValue() >= Level.SEVERE.intValue()
                && r.getLoggerName() != null
                && r.getLoggerName().startsWith(CONTAINER_LOGGER);
    }

    /**
     * Whether a log record is Payara Micro's "ready": from then on failures are the health checks'
     * to report.
     */
    static boolean isReady(LogRecord r, String message) {
        return "PayaraMicro".equals(r.getLoggerName())
                && message != null
                && message.contains(" ready in ");
    }

    /**
     * The innermost cause's message: what an operator can act on (a checksum mismatch, a refused
     * connection).
     */
    static String rootCause(LogRecord r, String message) {
        Throwable t = r.getThrown();
        if (t == null) return message;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String text =
                t.getMessage() == null
                        ? t.getClass().getName()
                        : t.getClass().getSimpleName() + ": " + t.getMessage();
        return text.replaceAll("\\s+", " ").trim();
    }

    private static final class Watcher extends Handler {
        private final Logger root;
        private final SimpleFormatter formatter = new SimpleFormatter();
        private volatile boolean done;

        Watcher(Logger root) {
            this.root = root;
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord r) {
            if (done) return;
            String message = formatter.formatMessage(r);
            if (isReady(r, message)) {
                done = true;
                root.removeHandler(this);
            } else if (isDeploymentFailure(r)) {
                done = true;
                root.removeHandler(this);
                LOG.log(
                        Level.SEVERE,
                        "Ansaf cannot start: deployment failed: {0}",
                        rootCause(r, message));
                // halt, not exit: shutdown hooks would wait on the deployment thread that logged
                // this.
                new Thread(() -> Runtime.getRuntime().halt(EXIT_CODE), "ansaf-deployment-failed")
                        .start();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
