package dev.pipfix.queue;

import java.time.Instant;

/** Whether and when failed work is tried again. */
public interface RetryPolicy {

    /**
     * @param failures how many times the work has failed, this time included
     * @return when to try again, or give up ({@link Decision#retryAt()} null)
     */
    Decision decide(Throwable error, int failures, Instant now);

    /** @param retryAt null to give up */
    record Decision(Instant retryAt, String reason) {}
}
