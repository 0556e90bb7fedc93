package dev.pipfix.fix;

import dev.pipfix.diagnosis.Finding;
import dev.pipfix.settings.RepoSettings;
import dev.pipfix.workflow.FixRequest;
import dev.pipfix.workflow.WorkflowFix;
import dev.pipfix.workflow.WorkflowPatcher;
import java.util.List;
import java.util.Optional;

/**
 * The one path from a job's findings to its fix, taken by the comment, {@code /pipfix apply} and {@code analyze}
 * alike, so that the patch a comment shows, the commit {@code /pipfix apply} makes and the patch {@code analyze}
 * prints are the same change: which finding the fix is for, which strategy (with the repository's preference), and
 * the patch of the workflow's text.
 */
public final class RunFixes {

    private static final WorkflowPatcher PATCHER = new WorkflowPatcher();

    private RunFixes() {}

    /** The finding a job's fix is for: its first, the one the comment's patch is shown with. */
    public static Optional<Finding> findingOf(List<Finding> findings) {
        return findings.stream().findFirst();
    }

    /**
     * The fix for a finding; none when no workflow change fixes its cause (a file another process holds).
     *
     * @param where    the workflow file's path, its text ("" when it could not be read: the patcher then answers with
     *                 the change to make by hand), and the API's job and failed step names
     * @param settings the repository's preference and virtual environment path; {@link Preference#NONE} for none
     */
    public static Optional<WorkflowFix> fix(Finding finding, Workflow where, Preference settings) {
        return Fixes.strategyFor(finding, settings.fix())
                .map(strategy -> PATCHER.fix(new FixRequest(
                        where.path(),
                        where.text(),
                        where.job(),
                        where.step(),
                        finding.script(),
                        strategy,
                        finding.os(),
                        settings.venvPath())));
    }

    /** Where the fix goes: the workflow file and the job and step the API named (either may be null). */
    public record Workflow(String path, String text, String job, String step) {}

    /** What the repository's {@code .github/pipfix.yml} asks of the fix. */
    public record Preference(RepoSettings.Fix fix, String venvPath) {
        public static final Preference NONE = new Preference(null, ".venv");

        public static Preference of(RepoSettings settings) {
            return new Preference(settings.fix(), settings.venvPath());
        }
    }
}
