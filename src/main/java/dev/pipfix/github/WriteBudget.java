package dev.pipfix.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Spaces content-creating requests to GitHub's secondary limit of 80 a minute per installation. Over budget, the
 * work is put off until a slot frees up instead of waiting on a worker thread.
 */
public final class WriteBudget {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Deque<Instant>> writes = new HashMap<>();

    public WriteBudget(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes a slot for a write as {@code credential} now, or throws with the time the next slot frees up. */
    public synchronized void acquire(Credential credential) throws RetryLaterException {
        Instant now = clock.instant();
        Deque<Instant> recent = writes.computeIfAbsent(credential.scope(), scope -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
            recent.removeFirst();
        }
        if (recent.size() >= perMinute) {
            throw new RetryLaterException(
                    credential.scope() + " made " + perMinute + " writes in the last minute",
                    recent.peekFirst().plus(WINDOW));
        }
        recent.addLast(now);
    }
}
