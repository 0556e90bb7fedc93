package dev.pipfix.worker;

import dev.pipfix.github.GitHubErrors;
import dev.pipfix.queue.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Retries what can succeed later: network errors, timeouts and 5xx with exponential backoff and jitter, rate limits
 * at the time GitHub names. Gives up at once on what cannot (a 404 for a deleted repository, a 403 for a missing
 * permission), and after {@code maxAttempts} on the rest.
 */
public final class GitHubRetryPolicy implements RetryPolicy {

    private final Duration baseDelay;
    private final Duration maxDelay;
    private final int maxAttempts;
    private final RandomGenerator random;

    public GitHubRetryPolicy(Duration baseDelay, Duration maxDelay, int maxAttempts, RandomGenerator random) {
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    @Override
    public Decision decide(Throwable error, int failures, Instant now) {
        GitHubErrors.Verdict verdict = GitHubErrors.classify(error, now);
        if (verdict.permanent()) {
            return Decision.giveUp(verdict.reason());
        }
        if (failures >= maxAttempts) {
            return Decision.giveUp("gave up after " + failures + " tries: " + verdict.reason());
        }
        if (verdict.retryAt().isPresent()) {
            return Decision.retryAt(verdict.retryAt().get(), verdict.reason());
        }
        long exponential = baseDelay.toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(maxDelay.toMillis(), exponential);
        long jittered = (long) (capped * (0.8 + 0.4 * random.nextDouble()));
        return Decision.retryAt(now.plusMillis(jittered), verdict.reason());
    }
}
