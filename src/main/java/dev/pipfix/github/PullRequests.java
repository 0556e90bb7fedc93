package dev.pipfix.github;

import java.io.IOException;
import java.util.List;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;

/**
 * Finds the pull requests a run belongs to when the payload cannot say. For a run from a fork GitHub leaves
 * {@code workflow_run.pull_requests} empty, and {@code /commits/{sha}/pulls} on the base repository knows nothing of
 * the fork's commit; the open pull requests with {@code head=<fork owner>:<branch>} do, once their head SHA is
 * checked (the branch may have moved on since the run).
 */
public final class PullRequests {

    /**
     * A pull request as {@code /pipfix apply} needs it.
     *
     * @param headRepository {@code owner/name} of the head branch's repository; null when that repository is gone
     */
    public record PullRequest(
            int number,
            boolean open,
            String headRepository,
            String headBranch,
            String headSha,
            boolean maintainerCanModify,
            String headDefaultBranch) {}

    public PullRequest get(GitHubApi api, String repository, int number) throws IOException {
        com.fasterxml.jackson.databind.JsonNode pr =
                api.json(ApiRequest.get("/repos/{repo}/pulls/{number}", repository, number));
        com.fasterxml.jackson.databind.JsonNode head = pr.path("head");
        return new PullRequest(
                number,
                "open".equals(pr.path("state").asText()),
                head.path("repo").path("full_name").asText(null),
                head.path("ref").asText(""),
                head.path("sha").asText(""),
                pr.path("maintainer_can_modify").asBoolean(false),
                head.path("repo").path("default_branch").asText(""));
    }

    public List<Integer> openFromFork(
            GitHubApi api, String baseRepository, String forkOwner, String branch, String headSha) throws IOException {
        return api.viaGitHubApi(
                "GET /repos/" + baseRepository + "/pulls",
                gitHub -> gitHub
                        .getRepository(baseRepository)
                        .queryPullRequests()
                        .state(GHIssueState.OPEN)
                        .head(forkOwner + ":" + branch)
                        .list()
                        .withPageSize(100)
                        .toList()
                        .stream()
                        .filter(pr -> headSha.equals(pr.getHead().getSha()))
                        .map(GHPullRequest::getNumber)
                        .toList());
    }
}
