package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the jobs of one run attempt. github-api only lists the latest attempt's jobs; a re-run started before we
 * got to the event would hand us the wrong attempt, so this endpoint is called directly.
 */
public final class RunJobs {

    private static final int PAGE_SIZE = 100;
    /** A matrix may expand to 256 jobs; the bound only stops a misbehaving server from paging forever. */
    private static final int MAX_PAGES = 10;

    public List<WorkflowJob> ofAttempt(GitHubApi api, String repository, long runId, long attempt) throws IOException {
        List<WorkflowJob> jobs = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode body = api.json(ApiRequest.get(
                            "/repos/{repo}/actions/runs/{run}/attempts/{attempt}/jobs", repository, runId, attempt)
                    .query("per_page", PAGE_SIZE)
                    .query("page", page));
            JsonNode pageJobs = body.path("jobs");
            pageJobs.forEach(job -> jobs.add(job(job)));
            if (pageJobs.size() < PAGE_SIZE
                    || jobs.size() >= body.path("total_count").asInt(0)) {
                break;
            }
        }
        return jobs;
    }

    static WorkflowJob job(JsonNode job) {
        List<JobStep> steps = new ArrayList<>();
        job.path("steps")
                .forEach(step -> steps.add(new JobStep(
                        step.path("name").asText(""),
                        step.path("number").asInt(0),
                        step.path("conclusion").asText(null))));
        return new WorkflowJob(
                job.path("id").asLong(),
                job.path("name").asText(""),
                job.path("html_url").asText(""),
                job.path("conclusion").asText(null),
                steps);
    }
}
