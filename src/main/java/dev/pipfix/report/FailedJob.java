package dev.pipfix.report;

import dev.pipfix.diagnosis.Finding;
import java.util.List;

/**
 * A failed job and what its log showed. Name and URL are null for a log read without its run (the CLI).
 *
 * @param failedStep       the name GitHub gives the step that failed, or null when the API named none
 * @param failedStepNumber that step's number in the API, for deep links; 0 when unknown
 * @param logTruncated     the log was longer than the cap and only its beginning was scanned
 */
public record FailedJob(
        String name,
        String htmlUrl,
        String failedStep,
        int failedStepNumber,
        List<Finding> findings,
        boolean logTruncated) {

    public FailedJob {
        findings = List.copyOf(findings);
    }
}
