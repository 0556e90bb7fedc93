package dev.pipfix.queue;

import java.time.Instant;
import java.util.Optional;

/** Whether and when failed work is tried again. */
public interface RetryPolicy {

    /**
     * @param failures how many times the work has failed, this time included
     * @return when to try again, or give up ({@link Decision#retryAt()} empty)
     */
    Decision decide(Throwable error, int failures, Instant now);

    /** @param retryAt when to try again; empty to give up, {@code reason} saying why */
    record Decision(Optional<Instant> retryAt, String reason) {

        public static Decision retryAt(Instant at, String reason) {
            return new Decision(Optional.of(at), reason);
        }

        public static Decision giveUp(String reason) {
            return new Decision(Optional.empty(), reason);
        }
    }
}
