package dev.pipfix.report;

import dev.pipfix.settings.RepoSettings;
import dev.pipfix.settings.SettingsProblem;
import dev.pipfix.workflow.WorkflowFix;
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
        RepoSettings.Fix preferredFix,
        ApplyOptions apply) {

    public RunReport {
        jobs = List.copyOf(jobs);
        settingsProblems = List.copyOf(settingsProblems);
    }

    public RunReport(
            String workflowName,
            long workflowId,
            long runNumber,
            long runAttempt,
            String runHtmlUrl,
            List<FailedJob> jobs,
            List<SettingsProblem> settingsProblems,
            String venvPath,
            RepoSettings.Fix preferredFix) {
        this(
                workflowName,
                workflowId,
                runNumber,
                runAttempt,
                runHtmlUrl,
                jobs,
                settingsProblems,
                venvPath,
                preferredFix,
                ApplyOptions.byHand());
    }

    /** The same report for a pull request where these ways to apply the patch hold. */
    public RunReport withApply(ApplyOptions options) {
        return new RunReport(
                workflowName,
                workflowId,
                runNumber,
                runAttempt,
                runHtmlUrl,
                jobs,
                settingsProblems,
                venvPath,
                preferredFix,
                options);
    }

    /** The first patch of the report: the one {@code /pipfix apply} commits and a suggestion carries. */
    public Optional<WorkflowFix> firstPatch() {
        return jobs.stream()
                .flatMap(job -> job.fix().stream())
                .filter(WorkflowFix::hasDiff)
                .findFirst();
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

    /**
     * One job's findings in a saved log.
     *
     * @param job the job's name, when the saved log names it
     */
    public record LogJob(Optional<String> job, List<dev.pipfix.diagnosis.Finding> findings) {}

    /** A report on saved logs read without their run, as {@code analyze} renders it; the fix is the first job's. */
    public static RunReport ofLogs(List<LogJob> jobs, Optional<dev.pipfix.workflow.WorkflowFix> fix) {
        List<FailedJob> failed = new java.util.ArrayList<>();
        for (LogJob job : jobs) {
            failed.add(new FailedJob(
                    job.job().orElse(null),
                    null,
                    Optional.empty(),
                    0,
                    job.findings(),
                    false,
                    failed.isEmpty() ? fix : Optional.empty()));
        }
        return new RunReport(null, 0, 0, 0, null, failed);
    }

    public boolean hasFindings() {
        return jobs.stream().anyMatch(job -> !job.findings().isEmpty());
    }
}
