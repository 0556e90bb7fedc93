package dev.pipfix.github;

import java.util.List;
import java.util.Optional;

/** A job of a run attempt, as {@code GET .../runs/{id}/attempts/{n}/jobs} lists it. */
public record WorkflowJob(long id, String name, String htmlUrl, String conclusion, List<JobStep> steps) {

    public WorkflowJob {
        steps = List.copyOf(steps);
    }

    /** Timed-out jobs count: a pip install that hangs on a locked file ends that way. */
    public boolean failed() {
        return "failure".equals(conclusion) || "timed_out".equals(conclusion);
    }

    public Optional<JobStep> failedStep() {
        return steps.stream()
                .filter(step -> "failure".equals(step.conclusion()) || "timed_out".equals(step.conclusion()))
                .findFirst();
    }
}
