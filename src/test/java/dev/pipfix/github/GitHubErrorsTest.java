package dev.pipfix.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each of GitHub's answers means for the work, as GitHub documents its errors and rate limits. */
class GitHubErrorsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String JOBS = "GET /repos/octo-org/octo-repo/actions/runs/680634037/attempts/1/jobs";

    @Test
    void a_server_error_or_a_network_failure_is_retried_with_backoff() {
        GitHubErrors.Verdict bad = GitHubErrors.classify(new GitHubApiException(JOBS, 502, "Bad Gateway"), NOW);
        GitHubErrors.Verdict timeout = GitHubErrors.classify(new SocketTimeoutException("timeout"), NOW);
        GitHubErrors.Verdict wrapped =
                GitHubErrors.classify(new IllegalStateException("iterator", new IOException("connection reset")), NOW);

        for (GitHubErrors.Verdict verdict : List.of(bad, timeout, wrapped)) {
            assertThat(verdict.permanent()).isFalse();
            assertThat(verdict.retryAt()).isEmpty();
        }
    }

    @Test
    void a_rate_limit_is_waited_out_until_the_time_github_names() {
        GitHubErrors.Verdict retryAfter = GitHubErrors.classify(
                new GitHubApiException(JOBS, 429, "slow down", Map.of("Retry-After", List.of("30"))), NOW);
        long reset = NOW.plusSeconds(600).getEpochSecond();
        GitHubErrors.Verdict primary = GitHubErrors.classify(
                new GitHubApiException(
                        JOBS,
                        403,
                        "API rate limit exceeded for installation ID 4242.",
                        Map.of(
                                "x-ratelimit-remaining",
                                List.of("0"),
                                "x-ratelimit-reset",
                                List.of(Long.toString(reset)))),
                NOW);
        GitHubErrors.Verdict secondary = GitHubErrors.classify(
                new GitHubApiException(
                        JOBS,
                        403,
                        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."),
                NOW);

        assertThat(retryAfter.retryAt()).contains(NOW.plusSeconds(30));
        assertThat(primary.retryAt()).contains(Instant.ofEpochSecond(reset + 1));
        assertThat(secondary.retryAt()).contains(NOW.plusSeconds(60));
        assertThat(List.of(retryAfter, primary, secondary)).noneMatch(GitHubErrors.Verdict::permanent);
    }

    @Test
    void a_missing_permission_or_a_deleted_repository_stops_at_once_naming_the_permission() {
        GitHubErrors.Verdict actions =
                GitHubErrors.classify(new GitHubApiException(JOBS, 403, "Resource not accessible by integration"), NOW);
        GitHubErrors.Verdict comments = GitHubErrors.classify(
                new GitHubApiException(
                        "POST /repos/octo-org/octo-repo/issues/42/comments",
                        403,
                        "Resource not accessible by integration"),
                NOW);
        GitHubErrors.Verdict gone = GitHubErrors.classify(new GitHubApiException(JOBS, 404, "Not Found"), NOW);

        assertThat(actions.permanent()).isTrue();
        assertThat(actions.reason()).contains("`actions: read`");
        assertThat(comments.reason()).contains("`pull_requests: write`");
        assertThat(gone.permanent()).isTrue();
    }

    @Test
    void pipfixs_own_write_budget_retries_when_the_slot_frees_and_a_bug_is_not_retried() {
        Instant slot = NOW.plusSeconds(12);

        GitHubErrors.Verdict later = GitHubErrors.classify(new RetryLaterException("80 writes", slot), NOW);
        GitHubErrors.Verdict bug = GitHubErrors.classify(new NullPointerException("a bug"), NOW);

        assertThat(later.retryAt()).contains(slot);
        assertThat(later.permanent()).isFalse();
        assertThat(bug.permanent()).isTrue();
        assertThat(bug.reason()).startsWith("unexpected error");
    }
}
