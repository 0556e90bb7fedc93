package dev.pipfix.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.github.GitHubApiException;
import dev.pipfix.queue.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class GitHubRetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final GitHubApiException BAD_GATEWAY = new GitHubApiException("GET /repos/o/r", 502, "Bad Gateway");

    @Test
    void transient_errors_back_off_exponentially_within_the_jitter_up_to_the_cap() {
        RetryPolicy lowest = policy(fixed(0.0));
        RetryPolicy high = policy(fixed(0.75));

        assertThat(delay(lowest, 1)).isEqualTo(Duration.ofSeconds(8));
        assertThat(delay(high, 1)).isEqualTo(Duration.ofSeconds(11));
        assertThat(delay(lowest, 2)).isEqualTo(Duration.ofSeconds(16));
        assertThat(delay(lowest, 4)).isEqualTo(Duration.ofSeconds(64));
        // 10 s doubled six times is 640 s: capped at 10 minutes, jittered
        assertThat(delay(lowest, 7)).isEqualTo(Duration.ofMinutes(8));
        assertThat(delay(high, 7)).isEqualTo(Duration.ofMinutes(11));
    }

    @Test
    void the_last_attempt_and_a_permanent_error_give_up_with_the_reason() {
        RetryPolicy policy = policy(fixed(0.5));

        RetryPolicy.Decision last = policy.decide(BAD_GATEWAY, 8, NOW);
        RetryPolicy.Decision missing = policy.decide(
                new GitHubApiException(
                        "GET /repos/o/r/actions/runs/1/jobs", 403, "Resource not accessible by integration"),
                1,
                NOW);

        assertThat(last.retryAt()).isEmpty();
        assertThat(last.reason()).startsWith("gave up after 8 tries: ").contains("502");
        assertThat(missing.retryAt()).isEmpty();
        assertThat(missing.reason()).contains("`actions: read`");
    }

    /** A generator whose {@code nextDouble()} is always {@code value} (exact for multiples of 1/4). */
    private static RandomGenerator fixed(double value) {
        return () -> ((long) (value * (1L << 53))) << 11;
    }

    private static RetryPolicy policy(RandomGenerator random) {
        return new GitHubRetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(10), 8, random);
    }

    private static Duration delay(RetryPolicy policy, int failures) {
        return Duration.between(
                NOW, policy.decide(BAD_GATEWAY, failures, NOW).retryAt().orElseThrow());
    }
}
