package dev.pipfix.github;

import java.io.IOException;
import java.time.Instant;

/** The work should be tried again at a given time: a rate limit, or pipfix's own spacing of writes. */
public final class RetryLaterException extends IOException {

    private final Instant retryAt;

    public RetryLaterException(String message, Instant retryAt) {
        super(message);
        this.retryAt = retryAt;
    }

    public Instant retryAt() {
        return retryAt;
    }
}
