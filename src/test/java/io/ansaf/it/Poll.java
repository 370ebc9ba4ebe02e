package io.ansaf.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way tests wait for a condition: ask {@code probe} every {@code every} until its answer
 * satisfies {@code done}, and return that answer; past {@code timeout}, return the last answer
 * (callers assert on it, so a failure shows what was seen). No fixed sleeps.
 */
public final class Poll {
    private Poll() {}

    public static <T> T until(
            Duration timeout, Duration every, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            sleep(every);
            last = probe.get();
        }
        return last;
    }

    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        return until(timeout, Duration.ofMillis(50), probe, done);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
