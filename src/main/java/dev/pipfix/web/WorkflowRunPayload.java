package dev.pipfix.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipfix.queue.CompletedRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code workflow_run} delivery (or the event a workflow_run-triggered workflow gets) into a
 * {@link CompletedRun}, or says why it is not one we act on.
 */
public final class WorkflowRunPayload {

    public static final Set<String> FAILING_CONCLUSIONS = Set.of("failure", "timed_out", "startup_failure");

    /** Every field this class reads; the parser skips the others. */
    static final FieldFilter FIELDS = FieldFilter.of(
            "action",
            "installation.id",
            "repository.id",
            "repository.full_name",
            "workflow.name",
            "workflow_run.id",
            "workflow_run.run_attempt",
            "workflow_run.run_number",
            "workflow_run.html_url",
            "workflow_run.workflow_id",
            "workflow_run.name",
            "workflow_run.path",
            "workflow_run.event",
            "workflow_run.conclusion",
            "workflow_run.head_sha",
            "workflow_run.head_branch",
            "workflow_run.head_repository.full_name",
            "workflow_run.pull_requests[].number",
            "workflow_run.pull_requests[].base.repo.id",
            "workflow_run.pull_requests[].head.sha");

    private final JsonNode root;
    private final JsonNode run;

    public WorkflowRunPayload(JsonNode root) throws MalformedPayloadException {
        if (!root.isObject() || !root.path("workflow_run").isObject()) {
            throw new MalformedPayloadException("not a workflow_run payload: no workflow_run object");
        }
        this.root = root;
        this.run = root.get("workflow_run");
        text("action");
        number("workflow_run.id");
        text("repository.full_name");
    }

    public String action() throws MalformedPayloadException {
        return text("action");
    }

    public String conclusion() {
        return run.path("conclusion").asText("");
    }

    public CompletedRun toCompletedRun(String deliveryId) throws MalformedPayloadException {
        JsonNode installationId = root.path("installation").path("id");
        String repository = text("repository.full_name");
        long repositoryId = root.path("repository").path("id").asLong(-1);
        String headRepository = run.path("head_repository").path("full_name").asText(null);
        List<Integer> pullRequests = new ArrayList<>();
        String headSha = text("workflow_run.head_sha");
        for (JsonNode pr : run.path("pull_requests")) {
            long baseRepoId = pr.path("base").path("repo").path("id").asLong(-1);
            String prHead = pr.path("head").path("sha").asText(headSha);
            // the list can name pull requests of other repositories that share the head commit, and pull requests
            // that have moved on to a newer commit since this run started
            if (pr.path("number").isInt()
                    && (baseRepoId == -1 || baseRepoId == repositoryId)
                    && prHead.equals(headSha)) {
                pullRequests.add(pr.get("number").asInt());
            }
        }
        return new CompletedRun(
                deliveryId,
                installationId.isIntegralNumber() ? installationId.asLong() : null,
                repository,
                number("workflow_run.id"),
                run.path("run_attempt").asLong(1),
                run.path("run_number").asLong(0),
                text("workflow_run.html_url"),
                number("workflow_run.workflow_id"),
                workflowName(),
                run.path("path").asText(""),
                run.path("event").asText(""),
                conclusion(),
                text("workflow_run.head_sha"),
                run.path("head_branch").asText(""),
                headRepository,
                pullRequests);
    }

    /** GitHub's own example payloads leave {@code workflow_run.name} empty; the workflow object names it too. */
    private String workflowName() {
        String name = run.path("name").asText("");
        return name.isBlank() ? root.path("workflow").path("name").asText("") : name;
    }

    private String text(String path) throws MalformedPayloadException {
        JsonNode value = at(path);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new MalformedPayloadException("not a workflow_run payload: " + path + " is missing");
        }
        return value.asText();
    }

    private long number(String path) throws MalformedPayloadException {
        JsonNode value = at(path);
        if (!value.isIntegralNumber()) {
            throw new MalformedPayloadException("not a workflow_run payload: " + path + " is missing");
        }
        return value.asLong();
    }

    private JsonNode at(String path) {
        JsonNode node = root;
        for (String field : path.split("\\.")) {
            node = node.path(field);
        }
        return node;
    }
}
