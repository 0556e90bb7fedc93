package dev.pipfix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BodyBudgetTest {

    private static final long MB = 1024 * 1024;
    private final BodyBudget budget = new BodyBudget(100 * MB, 25 * MB);

    @Test
    void bodies_of_the_usual_size_pass_whatever_the_large_ones_hold() throws Exception {
        for (int i = 0; i < 4; i++) {
            budget.reserve(25 * MB, Duration.ZERO).orElseThrow();
        }

        assertThat(budget.reserve(17_583, Duration.ZERO)).isPresent();
        assertThat(budget.inFlight()).isEqualTo(100 * MB);
    }

    @Test
    void a_large_body_past_the_budget_waits_for_a_share_then_is_refused() throws Exception {
        budget.reserve(60 * MB, Duration.ZERO).orElseThrow();

        long started = System.nanoTime();
        Optional<BodyBudget.Lease> refused = budget.reserve(50 * MB, Duration.ofMillis(200));

        assertThat(refused).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(budget.inFlight()).isEqualTo(60 * MB);
    }

    @Test
    void a_share_given_back_lets_a_waiting_body_in_and_is_given_back_once() throws Exception {
        BodyBudget.Lease first = budget.reserve(60 * MB, Duration.ZERO).orElseThrow();
        CompletableFuture<Optional<BodyBudget.Lease>> waiting =
                CompletableFuture.supplyAsync(() -> reserve(50 * MB, Duration.ofSeconds(10)));

        Thread.sleep(100);
        first.close();
        first.close();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(budget.inFlight()).isEqualTo(50 * MB);
    }

    @Test
    void a_body_of_unknown_length_counts_as_the_largest_github_sends() throws Exception {
        budget.reserve(-1, Duration.ZERO).orElseThrow();

        assertThat(budget.inFlight()).isEqualTo(25 * MB);
    }

    private Optional<BodyBudget.Lease> reserve(long bytes, Duration patience) {
        try {
            return budget.reserve(bytes, patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
