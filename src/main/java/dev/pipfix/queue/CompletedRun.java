package dev.pipfix.queue;

import java.util.List;

/**
 * The work a {@code workflow_run completed} delivery asks for: a failed run to diagnose, or a successful one that may
 * resolve an earlier comment. Everything the worker needs from the payload, so that the payload need not be kept.
 *
 * @param installationId the App installation the delivery names; null when it names none
 * @param repository     {@code owner/name} of the repository the run belongs to (the base repository for forks)
 * @param headRepository {@code owner/name} the run's commit came from; differs from {@code repository} for forks
 * @param pullRequests   the payload's pull requests on {@code repository} whose head is the run's commit; empty
 *                       for forks
 */
public record CompletedRun(
        String deliveryId,
        Long installationId,
        String repository,
        long runId,
        long runAttempt,
        long runNumber,
        String runHtmlUrl,
        long workflowId,
        String workflowName,
        String workflowPath,
        String event,
        String conclusion,
        String headSha,
        String headBranch,
        String headRepository,
        List<Integer> pullRequests)
        implements Work {

    public CompletedRun {
        pullRequests = List.copyOf(pullRequests);
    }

    @Override
    public String taskId() {
        return repository + "/" + runId + "/" + runAttempt;
    }

    public boolean succeeded() {
        return "success".equals(conclusion);
    }

    public boolean fromFork() {
        return headRepository != null && !headRepository.equalsIgnoreCase(repository);
    }

    /** The owner part of {@link #headRepository()}, as the {@code head=owner:branch} query needs it. */
    public String headOwner() {
        return headRepository == null ? null : headRepository.substring(0, headRepository.indexOf('/'));
    }
}
