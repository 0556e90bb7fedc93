package dev.pipfix.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipfix.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WriteBudgetTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private final WriteBudget budget = new WriteBudget(80, clock);
    private final InstallationTokens tokens = new InstallationTokens(null, clock);
    private final Credential installation = new Credential.Installation(tokens, 4242);
    private final Credential other = new Credential.Installation(tokens, 4243);

    @Test
    void eighty_writes_a_minute_pass_and_the_next_is_put_off_until_the_first_is_a_minute_old() throws Exception {
        for (int i = 0; i < 80; i++) {
            budget.acquire(installation);
            clock.advance(Duration.ofMillis(500));
        }

        assertThatThrownBy(() -> budget.acquire(installation))
                .isInstanceOfSatisfying(
                        RetryLaterException.class,
                        later -> assertThat(later.retryAt()).isEqualTo(START.plus(Duration.ofMinutes(1))));
        clock.advance(Duration.ofSeconds(20));
        budget.acquire(installation);
    }

    @Test
    void each_installation_has_a_budget_of_its_own() throws Exception {
        for (int i = 0; i < 80; i++) {
            budget.acquire(installation);
        }

        budget.acquire(other);
        assertThatThrownBy(() -> budget.acquire(installation)).isInstanceOf(RetryLaterException.class);
    }
}
