package dev.pipfix.workflow;

import dev.pipfix.runner.RunnerOs;
import dev.pipfix.text.Message;

/**
 * The fix for one failing step.
 *
 * @param job     the YAML job id, or null when it was not found
 * @param step    the step as GitHub names it, or null
 * @param diff    a unified diff with {@code a/} and {@code b/} paths that {@code git apply} accepts from the
 *                repository root; null when no safe patch could be made
 * @param change  the new step as YAML, or the rewritten command: what to add by hand when there is no diff
 * @param note    why there is no diff, or what else to know, its values kept apart from its words for the
 *                renderer to escape; null when there is nothing to add
 * @param patched the whole file with the patch applied, what a fix commit writes; null without a diff
 */
public record WorkflowFix(
        FixStrategy strategy,
        String path,
        String job,
        String step,
        RunnerOs os,
        Shell shell,
        String diff,
        String change,
        Message note,
        String patched) {

    public boolean hasDiff() {
        return diff != null;
    }

    /** The same fix to make by hand, with no diff, and why. */
    public WorkflowFix withoutDiff(Message why) {
        return new WorkflowFix(strategy, path, job, step, os, shell, null, change, why, null);
    }

    static WorkflowFix adviceOnly(
            FixStrategy strategy,
            String path,
            String job,
            String step,
            RunnerOs os,
            Shell shell,
            String change,
            Message note) {
        return new WorkflowFix(strategy, path, job, step, os, shell, null, change, note, null);
    }
}
