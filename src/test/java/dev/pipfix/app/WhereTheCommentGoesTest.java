package dev.pipfix.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator.SimPull;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which installation and which pull request a run belongs to: from the payload, GitHub's installation lookup, a
 * fork's pull request by head owner, branch and SHA, and a run with none.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"h2", "postgresql"})
class WhereTheCommentGoesTest extends EndToEndTest {

    @Test
    void a_delivery_without_installation_finds_the_apps_installation_for_the_repository() throws Exception {
        github.installationOf(REPO, 4242);
        failingRun().withoutWorkflowFile().stub();

        deliverAndWait("workflow_run-completed-failure-repository-webhook.json");

        assertThat(github.apiCalls()).startsWith("GET /repos/octo-org/octo-repo/installation", TOKEN_CALL);
        assertAppJwt(github.apiRequests().get(0).getHeader("Authorization"));
        assertThat(postedBody(github.writes().get(0))).contains("The `CI` workflow failed");
    }

    @Test
    void a_delivery_for_a_repository_the_app_is_not_installed_on_writes_nothing() {
        github.stub(get(urlPathEqualTo("/repos/" + REPO + "/installation"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        HttpResponse<String> response = deliverAndWait("workflow_run-completed-failure-repository-webhook.json");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(github.apiCalls()).containsExactly("GET /repos/octo-org/octo-repo/installation");
    }

    @Test
    void a_run_from_a_fork_finds_its_pull_request_by_head_owner_branch_and_sha() throws Exception {
        // given GitHub leaves pull_requests empty for forks
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "lint", "Install flake8", 4));
        github.log(REPO, 1001, Fixtures.log("linux-container-old-pip-system-site-errno13.log"));
        github.repository(REPO, 101);
        github.openPullRequests(
                REPO,
                "contributor:fix-deps",
                new SimPull(57, "contributor", "fix-deps", "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a"),
                new SimPull(58, "contributor", "fix-deps", "0000000000000000000000000000000000000000"));
        github.issue(REPO, 57);
        github.comments(REPO, 57);
        github.acceptNewComments(REPO, 57, 9001);

        // when
        deliverAndWait("workflow_run-completed-failure-fork.json");

        // then
        assertThat(github.apiCalls())
                .contains("GET /repos/octo-org/octo-repo/pulls?state=open&head=contributor%3Afix-deps&per_page=100");
        assertThat(github.writes())
                .singleElement()
                .satisfies(r -> assertThat(r.getUrl()).isEqualTo("/repos/octo-org/octo-repo/issues/57/comments"));
        assertThat(postedBody(github.writes().get(0)))
                .contains("#### Job `lint`, step `Install flake8`")
                .contains("belongs to root");
    }

    @Test
    void a_run_with_no_pull_request_reads_the_logs_and_writes_nothing() {
        github.installationTokens(4242, "ghs_first");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));

        HttpResponse<String> response = deliverAndWait("workflow_run-completed-failure-push-no-pr.json");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(github.apiCalls()).containsExactly(TOKEN_CALL, SETTINGS_CALL, JOBS_CALL, LOG_CALL);
        assertThat(github.writes()).isEmpty();
    }
}
