package dev.pipfix.report;

import dev.pipfix.settings.RepoSettings;
import dev.pipfix.settings.SettingsProblem;
import java.util.List;
import java.util.Optional;

/**
 * Everything the comment says about one failed workflow run, with what the repository's settings file changed
 * (where the virtual environment goes) or got wrong. For a log read without its run (the CLI), the
 * workflow id is 0 and the name and URL are null.
 */
public record RunReport(
        String workflowName,
        long workflowId,
        long runNumber,
        long runAttempt,
        String runHtmlUrl,
        List<FailedJob> jobs,
        List<SettingsProblem> settingsProblems,
        String venvPath,
        RepoSettings.Fix preferredFix) {

    public RunReport {
        jobs = List.copyOf(jobs);
        settingsProblems = List.copyOf(settingsProblems);
    }

    /** A report for a repository whose settings file, if any, had no problem. */
    public RunReport(
            String workflowName,
            long workflowId,
            long runNumber,
            long runAttempt,
            String runHtmlUrl,
            List<FailedJob> jobs) {
        this(
                workflowName,
                workflowId,
                runNumber,
                runAttempt,
                runHtmlUrl,
                jobs,
                List.of(),
                ".venv",
                RepoSettings.Fix.VENV);
    }

    /** A report on one log read without its run, as {@code analyze} renders it. */
    public static RunReport ofLog(
            List<dev.pipfix.diagnosis.Finding> findings, Optional<dev.pipfix.workflow.WorkflowFix> fix) {
        return new RunReport(
                null, 0, 0, 0, null, List.of(new FailedJob(null, null, Optional.empty(), 0, findings, false, fix)));
    }

    public boolean hasFindings() {
        return jobs.stream().anyMatch(job -> !job.findings().isEmpty());
    }
}
