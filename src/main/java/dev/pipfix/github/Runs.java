package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/** A workflow run, or one of its jobs, read by its id: what {@code analyze RUN_URL} starts from. */
public final class Runs {

    /**
     * A run as GitHub describes it.
     *
     * @param path the workflow file as {@code workflow_run.path} gives it ({@code .github/workflows/ci.yml@main})
     */
    public record Run(
            long id,
            long attempt,
            long number,
            String name,
            String path,
            String event,
            String status,
            String conclusion,
            String headSha,
            String htmlUrl,
            long workflowId) {

        public boolean completed() {
            return "completed".equals(status);
        }
    }

    /** A job, and the attempt of its run it belongs to. */
    public record Job(WorkflowJob job, long runId, long attempt) {}

    /** The run, at the given attempt or its latest. */
    public Run run(GitHubApi api, String repository, long runId, Optional<Long> attempt) throws IOException {
        JsonNode run = api.json(
                attempt.isPresent()
                        ? ApiRequest.get(
                                "/repos/{repo}/actions/runs/{run}/attempts/{attempt}", repository, runId, attempt.get())
                        : ApiRequest.get("/repos/{repo}/actions/runs/{run}", repository, runId));
        return new Run(
                run.path("id").asLong(runId),
                run.path("run_attempt").asLong(attempt.orElse(1L)),
                run.path("run_number").asLong(0),
                run.path("name").asText(""),
                run.path("path").asText(""),
                run.path("event").asText(""),
                run.path("status").asText(""),
                run.path("conclusion").asText(""),
                run.path("head_sha").asText(""),
                run.path("html_url").asText(""),
                run.path("workflow_id").asLong(0));
    }

    public Job job(GitHubApi api, String repository, long jobId) throws IOException {
        JsonNode job = api.json(ApiRequest.get("/repos/{repo}/actions/jobs/{job}", repository, jobId));
        return new Job(
                RunJobs.job(job),
                job.path("run_id").asLong(),
                job.path("run_attempt").asLong(1));
    }
}
