package dev.pipfix.apply;

import dev.pipfix.diagnosis.Finding;
import dev.pipfix.workflow.FixStrategy;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message of pipfix's fix commit: what it changes and why, and a trailer that names the fix by run, file, job
 * and cause. The trailer is how pipfix finds a commit it made before committing again: after a crash between the
 * commit and the comment's edit, or for a second {@code /pipfix apply}.
 */
public final class FixCommitMessage {

    public static final String TRAILER = "Pipfix-Fix";
    /** Which command asked for the commit: a retried command knows its own commit from an earlier one's. */
    public static final String REQUESTED = "Pipfix-Requested-In";

    private static final Pattern TRAILER_LINE = Pattern.compile("(?m)^" + TRAILER + ": (.+)$");

    private FixCommitMessage() {}

    /** The trailer's value: the fix for this run's failure, whatever the branch's head is now. */
    public static String key(String repository, long runId, long runAttempt, String workflowPath, String job) {
        return repository + " run " + runId + " attempt " + runAttempt + ", " + inert(workflowPath) + ", job "
                + inert(job);
    }

    /** What the fix does, in a few words: a commit's subject, a suggestion's first line. */
    public static String summary(FixStrategy strategy) {
        return switch (strategy) {
            case VENV, UV_VENV -> "install into a virtual environment";
            case PYTHON_M_PIP_UPGRADE -> "upgrade pip with python -m pip";
            case NO_CACHE_DIR -> "install without the root-owned cache";
            case SETUP_PYTHON -> "install into a Python set up for the job";
            case USER_SITE -> "install into the user's site-packages";
            case SETUP_UV_ACTIVATE -> "let setup-uv activate a virtual environment";
            case PIPX -> "install the applications with pipx";
            case PIPX_HOME -> "give pipx directories the job owns";
            case DROP_USER -> "install without --user";
        };
    }

    public static String of(
            Finding finding,
            FixStrategy strategy,
            String workflowPath,
            String step,
            String runUrl,
            String key,
            String requestedIn) {
        // no text of the fork's in the subject, and none in the body that GitHub could read as an instruction
        return "ci: " + summary(strategy) + " (pipfix)\n\n"
                + finding.installer().command() + " was not allowed to install where it was told to ("
                + finding.kind().id() + ", " + finding.cause().id() + ") in the step " + inert(oneLine(step))
                + " of " + inert(runUrl) + ".\n"
                + "The change to " + inert(workflowPath) + " is the patch pipfix proposed and validated, committed at"
                + " the request of a comment on the pull request.\n\n"
                + TRAILER + ": " + key + "\n"
                + REQUESTED + ": " + requestedIn + "\n";
    }

    /** Whether the commit was made for the command in {@code requestedIn} (a comment's URL). */
    public static boolean requestedIn(String message, String requestedIn) {
        return message != null && message.contains("\n" + REQUESTED + ": " + requestedIn + "\n");
    }

    /** The trailer a commit message carries, if any. */
    public static Optional<String> keyOf(String message) {
        Matcher matcher = TRAILER_LINE.matcher(message == null ? "" : message);
        return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
    }

    /**
     * A name from the workflow or GitHub made harmless in a commit message: one line (a newline could start a
     * {@code skip-checks: true} trailer) and no square brackets ({@code [skip ci]} and its kin skip the workflows
     * the fix is meant to run).
     */
    static String inert(String text) {
        return text == null
                ? ""
                : text.replaceAll("\\s+", " ").strip().replace('[', '(').replace(']', ')');
    }

    private static String oneLine(String text) {
        String flat =
                text == null ? "the failing step" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 60 ? flat : flat.substring(0, 59) + "…";
    }
}
