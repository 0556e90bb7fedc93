package dev.pipfix.settings;

import dev.pipfix.id.StableId;
import java.util.List;

/**
 * A repository's {@code .github/pipfix.yml}, as read from its default branch.
 *
 * @param enabled   false: pipfix reads nothing and comments nothing on this repository
 * @param workflows names or paths of the workflows to watch; empty for all
 * @param venvPath  the virtual environment's directory, relative to the workspace, in the fix pipfix proposes
 * @param commentOnPush true ({@code comment_on: push}): a failed run without a pull request gets its comment on the
 *                      commit instead
 * @param fix       the fix pipfix proposes where a virtual environment would be its choice, if it can fix the cause
 * @param apply     false ({@code apply: false}): {@code /pipfix apply} is answered, never carried out
 */
public record RepoSettings(
        boolean enabled, List<String> workflows, String venvPath, boolean commentOnPush, Fix fix, boolean apply) {

    public static final String PATH = ".github/pipfix.yml";
    public static final RepoSettings DEFAULTS = new RepoSettings(true, List.of(), ".venv", false, Fix.VENV, true);

    /** Settings with {@code /pipfix apply} allowed, its default. */
    public RepoSettings(boolean enabled, List<String> workflows, String venvPath, boolean commentOnPush, Fix fix) {
        this(enabled, workflows, venvPath, commentOnPush, fix, true);
    }

    /** {@code fix:} in the file. */
    public enum Fix implements StableId {
        VENV,
        USER,
        SETUP_PYTHON;
    }

    public RepoSettings {
        workflows = List.copyOf(workflows);
    }

    /**
     * Whether a run of this workflow is watched: every workflow when none is named, else one named by its display
     * name (case-insensitive) or its path ({@code .github/workflows/ci.yml}, with or without the directory).
     */
    public boolean watches(String workflowName, String workflowPath) {
        if (workflows.isEmpty()) {
            return true;
        }
        String path = workflowPath == null ? "" : workflowPath.replaceFirst("@.*$", "");
        String file = path.substring(path.lastIndexOf('/') + 1);
        for (String watched : workflows) {
            String w = watched.strip();
            if (w.equalsIgnoreCase(workflowName == null ? "" : workflowName.strip())
                    || w.equals(path)
                    || w.equals(file)) {
                return true;
            }
        }
        return false;
    }
}
