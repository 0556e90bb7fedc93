package dev.pipfix.report;

import java.util.List;

/** Everything the comment says about one failed workflow run. */
public record RunReport(
        String workflowName,
        long workflowId,
        long runNumber,
        long runAttempt,
        String runHtmlUrl,
        List<FailedJob> jobs) {

    public RunReport {
        jobs = List.copyOf(jobs);
    }

    public boolean hasFindings() {
        return jobs.stream().anyMatch(job -> !job.findings().isEmpty());
    }
}
