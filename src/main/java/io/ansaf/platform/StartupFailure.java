package io.ansaf.platform;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends the process when a setting makes start-up impossible, with one log line that names the
 * setting. Payara Micro keeps running (and answers 404 everywhere) after a failed deployment; an
 * operator or orchestrator is better served by a clear line and a non-zero exit.
 */
public final class StartupFailure {
    private static final Logger LOG = Logger.getLogger("io.ansaf");
    private static volatile boolean started;

    private StartupFailure() {}

    /** Called once the application is ready: later faults are reported by health checks instead. */
    public static void markStarted() {
        started = true;
    }

    public static boolean isStarted() {
        return started;
    }

    public static void exit(String key, String problem) {
        LOG.log(
                Level.SEVERE,
                "Ansaf cannot start: setting {0} ({1}): {2}",
                new Object[] {Settings.envName(key), key, problem});
        // halt, not exit: shutdown hooks would wait on the deployment that called us.
        new Thread(() -> Runtime.getRuntime().halt(3), "ansaf-startup-failure").start();
        throw new IllegalStateException(
                "Ansaf cannot start: " + Settings.envName(key) + ": " + problem);
    }
}
