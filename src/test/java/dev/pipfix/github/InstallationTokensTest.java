package dev.pipfix.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.MutableClock;
import dev.pipfix.testing.TestApps;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token cache against GitHub's token endpoint (WireMock), counting the requests it makes. */
class InstallationTokensTest {

    private static final String TOKENS = "POST /app/installations/4242/access_tokens";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private GitHubSimulator github;
    private InstallationTokens tokens;

    @BeforeEach
    void start() throws Exception {
        github = new GitHubSimulator(clock);
        tokens = new InstallationTokens(TestApps.clients(github, clock).app(), clock);
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void uses_the_cached_token_until_five_minutes_before_it_expires_then_fetches_a_new_one() throws Exception {
        github.installationTokens(4242, "ghs_first", "ghs_second");

        String first = tokens.token(4242).value();
        clock.advance(Duration.ofMinutes(54));
        String stillFirst = tokens.token(4242).value();
        clock.advance(Duration.ofMinutes(2));
        String second = tokens.token(4242).value();

        assertThat(first).isEqualTo("ghs_first");
        assertThat(stillFirst).isEqualTo("ghs_first");
        assertThat(second).isEqualTo("ghs_second");
        assertThat(github.apiCalls()).containsExactly(TOKENS, TOKENS);
    }

    @Test
    void a_refused_token_is_dropped_but_a_newer_one_is_kept() throws Exception {
        github.installationTokens(4242, "ghs_first", "ghs_second");
        tokens.token(4242);

        tokens.invalidate(4242, "ghs_first");
        String renewed = tokens.token(4242).value();
        tokens.invalidate(4242, "ghs_first");

        assertThat(renewed).isEqualTo("ghs_second");
        assertThat(tokens.token(4242).value()).isEqualTo("ghs_second");
        assertThat(github.apiCalls()).containsExactly(TOKENS, TOKENS);
    }

    @Test
    void an_expiry_an_hour_long_token_cannot_have_is_taken_as_the_documented_hour() throws Exception {
        // GitHub's documentation example: a fixed time in 2016, far in this clock's past
        github.installationTokenExpiringAt(4242, "ghs_example", "2016-07-11T22:14:10Z");

        InstallationToken token = tokens.token(4242);

        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(tokens.token(4242)).isSameAs(token);
    }

    @Test
    void each_installation_has_its_own_token() throws Exception {
        github.installationTokens(4242, "ghs_octo");
        github.installationTokens(4243, "ghs_other");

        assertThat(tokens.token(4242).value()).isEqualTo("ghs_octo");
        assertThat(tokens.token(4243).value()).isEqualTo("ghs_other");
    }
}
