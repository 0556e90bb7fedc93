package dev.pipfix.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Installation tokens as the App asks for them: cached, renewed before expiry, a refused one dropped and asked
 * again once.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"h2", "postgresql"})
class InstallationTokensEndToEndTest extends EndToEndTest {

    @Test
    void the_installation_token_is_cached_across_two_events() {
        github.installationTokens(4242, "ghs_first", "ghs_second");
        runsFailingWithoutPipError(RUN, RUN + 1);

        deliverAndWait(SAME_REPO);
        deliverAndWait(run(SAME_REPO, RUN + 1));

        assertThat(github.apiCalls())
                .filteredOn(call -> call.contains("access_tokens"))
                .hasSize(1);
        assertThat(github.apiRequests())
                .filteredOn(r -> r.getUrl().contains("/actions/"))
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("token ghs_first"));
    }

    @Test
    void a_token_whose_expires_at_is_implausible_is_kept_for_the_documented_hour() {
        // given the token answer of GitHub's documentation, which expired in 2016
        github.installationTokenExpiringAt(4242, "ghs_16C7e42F292c6912E7710c838347Ae178B4a", "2016-07-11T22:14:10Z");
        runsFailingWithoutPipError(RUN, RUN + 1);

        deliverAndWait(SAME_REPO);
        deliverAndWait(run(SAME_REPO, RUN + 1));

        assertThat(github.apiCalls())
                .filteredOn(call -> call.contains("access_tokens"))
                .hasSize(1);
    }

    @Test
    void a_token_about_to_expire_is_renewed_before_use() {
        github.installationTokens(4242, "ghs_first");
        runsFailingWithoutPipError(RUN, RUN + 1, RUN + 2);
        deliverAndWait(SAME_REPO);

        // when the hour-long token has less than five minutes left
        clock.advance(Duration.ofMinutes(56));
        github.installationTokens(4242, "ghs_second");
        deliverAndWait(run(SAME_REPO, RUN + 1));
        deliverAndWait(run(SAME_REPO, RUN + 2));

        assertThat(github.apiCalls())
                .filteredOn(call -> call.contains("access_tokens"))
                .hasSize(2);
        List<LoggedRequest> jobLists = github.apiRequests().stream()
                .filter(r -> r.getUrl().contains("/attempts/1/jobs"))
                .toList();
        assertThat(jobLists)
                .extracting(r -> r.getHeader("Authorization"))
                .containsExactly("token ghs_first", "token ghs_second", "token ghs_second");
    }

    @Test
    void a_401_drops_the_token_fetches_a_new_one_and_retries_once() {
        // given GitHub revoked the first token early
        github.installationTokens(4242, "ghs_revoked", "ghs_fresh");
        github.stub(get(urlPathEqualTo("/repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs"))
                .atPriority(1)
                .withHeader("Authorization", equalTo("token ghs_revoked"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":"
                                + "\"https://docs.github.com/rest\",\"status\":\"401\"}")));
        runsFailingWithoutPipError(RUN);

        deliverAndWait(SAME_REPO);

        // then the refused jobs list, a new token, the jobs list again with it (the settings file goes out alongside
        // the jobs list, so its place among them is not defined), then the log
        List<String> calls = github.apiCalls();
        assertThat(calls)
                .containsExactlyInAnyOrder(TOKEN_CALL, SETTINGS_CALL, JOBS_CALL, TOKEN_CALL, JOBS_CALL, LOG_CALL);
        assertThat(calls.get(0)).isEqualTo(TOKEN_CALL);
        assertThat(calls.get(5)).isEqualTo(LOG_CALL);
        assertThat(calls.lastIndexOf(TOKEN_CALL)).isBetween(calls.indexOf(JOBS_CALL), calls.lastIndexOf(JOBS_CALL));
        assertThat(github.apiRequests())
                .filteredOn(r -> r.getUrl().contains("/attempts/1/jobs"))
                .extracting(r -> r.getHeader("Authorization"))
                .containsExactly("token ghs_revoked", "token ghs_fresh");
        assertThat(github.apiRequests().get(5).getHeader("Authorization")).isEqualTo("token ghs_fresh");
    }

    @Test
    void a_401_after_the_retry_is_not_retried_again() {
        github.installationTokens(4242, "ghs_revoked");
        github.stub(get(urlPathEqualTo("/repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));

        deliverAndWait(SAME_REPO);

        assertThat(github.apiCalls()).filteredOn(call -> call.contains(JOBS)).hasSize(2);
        assertThat(github.writes()).isEmpty();
    }
}
