package dev.pipfix.report;

import dev.pipfix.diagnosis.Finding;
import dev.pipfix.workflow.WorkflowFix;
import java.util.List;
import java.util.Optional;

/**
 * A failed job and what its log showed. Name and URL are null for a log read without its run (the CLI).
 *
 * @param failedStep       the name GitHub gives the step that failed, when the API names one
 * @param failedStepNumber that step's number in the API, for deep links; 0 when unknown
 * @param logTruncated     the log was longer than the cap and only its beginning was scanned
 * @param fix              the workflow change for the first finding, when one was worked out
 */
public record FailedJob(
        String name,
        String htmlUrl,
        Optional<String> failedStep,
        int failedStepNumber,
        List<Finding> findings,
        boolean logTruncated,
        Optional<WorkflowFix> fix) {

    public FailedJob {
        findings = List.copyOf(findings);
    }
}
