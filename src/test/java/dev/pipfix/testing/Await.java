package dev.pipfix.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition a process or server will make true, failing the test after the timeout. */
public final class Await {

    private Await() {}

    public static void until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
