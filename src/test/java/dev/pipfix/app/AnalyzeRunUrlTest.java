package dev.pipfix.app;

import static dev.pipfix.testing.GitHubSimulator.failedJob;
import static dev.pipfix.testing.GitHubSimulator.passedJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code analyze RUN_URL} against a simulated GitHub: run 680634037 of octo-org/octo-repo failed in job 1001
 * ("test (3.12)", step 3 "Install dependencies") installing into a root-owned user site; job 1002 passed. The token
 * is in {@code GITHUB_TOKEN}, the API at {@code GITHUB_API_URL}.
 */
class AnalyzeRunUrlTest {

    private static final String REPO = "octo-org/octo-repo";
    private static final long RUN = 680634037;
    private static final String URL = "https://github.com/" + REPO + "/actions/runs/" + RUN;
    private static final String HEAD_SHA = "6f0b5a9c2c4caea39f73a4f5f4dbee093265ab2a";
    private static final String TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";

    private GitHubSimulator github;
    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        github = new GitHubSimulator(Clock.systemUTC());
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("GITHUB_API_URL", github.apiUrl());
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void a_failed_run_gives_the_finding_and_the_patch_of_its_workflow_file() throws Exception {
        // given
        failedRun();

        // when
        int status = analyze(URL, "--format", "json");

        // then
        assertThat(status).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("findings")).hasSize(1);
        assertThat(json.path("findings").get(0).path("job").asText()).isEqualTo("test (3.12)");
        assertThat(json.path("findings").get(0).path("cause").asText()).isEqualTo("user-site-unwritable");
        assertThat(json.path("fix").path("workflow").asText()).isEqualTo(".github/workflows/ci.yml");
        assertThat(json.path("fix").path("diff").asText()).contains("+      - name: Create a virtual environment");
        assertThat(github.apiCalls())
                .containsExactly(
                        "GET /repos/" + REPO + "/actions/runs/" + RUN,
                        "GET /repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1/jobs?per_page=100&page=1",
                        "GET /repos/" + REPO + "/actions/jobs/1001/logs",
                        "GET /repos/" + REPO + "/contents/.github/workflows/ci.yml?ref=" + HEAD_SHA);
        assertThat(github.apiRequests())
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
    }

    @Test
    void markdown_is_the_comment_the_app_would_post_for_the_run() {
        // given
        failedRun();

        // when
        int status = analyze(URL, "--format", "markdown");

        // then
        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("failed in [run #7](" + URL + ") (attempt 1)")
                .contains("#### Job `test (3.12)`, step `Install dependencies`")
                .contains("```diff");
    }

    @Test
    void a_job_url_reads_that_job_at_its_attempt() {
        // given job 1001 of the run's second attempt
        failedRun();
        github.run(REPO, RUN, 2, "completed", "failure", HEAD_SHA, ".github/workflows/ci.yml");
        github.job(REPO, RUN, 2, failedJob(1001, "test (3.12)", "Install dependencies", 3));

        // when
        int status = analyze(URL + "/job/1001");

        // then
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("(job test (3.12)): 1 installer permission error");
        assertThat(github.apiCalls())
                .startsWith(
                        "GET /repos/" + REPO + "/actions/jobs/1001",
                        "GET /repos/" + REPO + "/actions/runs/" + RUN + "/attempts/2");
    }

    @Test
    void an_attempt_url_reads_that_attempt() {
        // given
        failedRun();
        github.run(REPO, RUN, 1, "completed", "failure", HEAD_SHA, ".github/workflows/ci.yml");

        // when
        int status = analyze(URL + "/attempts/1");

        // then
        assertThat(status).as(err.toString()).isZero();
        assertThat(github.apiCalls()).first().isEqualTo("GET /repos/" + REPO + "/actions/runs/" + RUN + "/attempts/1");
    }

    @Test
    void each_refusal_is_one_line_and_exit_2() {
        // a URL that is not a run's
        assertRefused(analyze("https://github.com/" + REPO + "/pull/42"), "is not a run's URL");
        // no token
        env.remove("GITHUB_TOKEN");
        assertRefused(analyze(URL), "needs a token, even for a public repository's logs");
        env.put("GH_TOKEN", TOKEN);
        // a run GitHub does not know
        assertRefused(analyze(URL), "GitHub answered 404 for run " + RUN + " of " + REPO);
        // a run that passed
        github.run(REPO, RUN, 1, "completed", "success", HEAD_SHA, ".github/workflows/ci.yml");
        assertRefused(analyze(URL), "did not fail (conclusion: success)");
        // a run still going
        github.run(REPO, RUN, 1, "in_progress", null, HEAD_SHA, ".github/workflows/ci.yml");
        assertRefused(analyze(URL), "is still in_progress");
    }

    private void assertRefused(int status, String message) {
        assertThat(status).isEqualTo(AnalyzeCommand.BAD_INPUT);
        assertThat(err.toString().lines().toList()).singleElement().asString().contains(message);
        assertThat(out.toString()).isEmpty();
        err.getBuffer().setLength(0);
    }

    private void failedRun() {
        github.run(REPO, RUN, 1, "completed", "failure", HEAD_SHA, ".github/workflows/ci.yml@refs/pull/42/merge");
        github.jobs(REPO, RUN, 1, failedJob(1001, "test (3.12)", "Install dependencies", 3), passedJob(1002, "lint"));
        github.log(REPO, 1001, Fixtures.log("linux-self-hosted-user-site-errno13.log"));
        github.file(REPO, ".github/workflows/ci.yml", HEAD_SHA, Fixtures.text("e2e/ci.yml"));
    }

    private int analyze(String... args) {
        return new AnalyzeCommand(env)
                .run(
                        args,
                        new ByteArrayInputStream(new byte[0]),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true));
    }
}
