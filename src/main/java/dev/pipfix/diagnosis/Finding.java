package dev.pipfix.diagnosis;

import dev.pipfix.runner.RunnerOs;
import java.util.List;

/**
 * One pip permission failure found in a job log.
 *
 * @param line       1-based line in the log as given
 * @param step       the step the line belongs to: {@code Run <first script line>} from a {@code ##[group]Run} header,
 *                   an Azure {@code ##[section]Starting:} name, or a pasted web-page copy's {@code Run} line; null
 *                   when the log shows no steps
 * @param stepLine   1-based line within that step's section (its header is line 1), for deep links; 0 without a step
 * @param stepFailed the log shows that this step failed (an {@code ##[error]} in it, or the web page's
 *                   {@code Error: Process completed}); findings in steps that did not fail are not reported when the
 *                   log shows another step failing
 * @param command    the pip command that failed, from a trace, a {@code [command]} line or the step's script
 * @param script     the step's script as the runner echoed it (capped)
 * @param path       the file or directory the OS refused, as the message names it (Python's quoting removed)
 * @param evidence   the log lines that show it, cleaned of timestamps and colour codes
 * @param occurrences how many errors of this kind and cause the step printed (this one included): pip installing
 *                    thirty packages into a directory it may not write fails thirty times, for one reason
 * @param installer  the tool that printed the error: pip, or uv
 */
public record Finding(
        Kind kind,
        Cause cause,
        long line,
        String step,
        long stepLine,
        boolean stepFailed,
        String command,
        List<String> script,
        String path,
        RunnerOs os,
        List<String> evidence,
        int occurrences,
        Installer installer) {

    public Finding {
        script = List.copyOf(script);
        evidence = List.copyOf(evidence);
    }

    /** The same finding in a step named otherwise: the name a saved log's own columns give it. */
    public Finding withStep(String name) {
        return copy(name, occurrences);
    }

    /** The same finding, counting {@code more} errors like it. */
    public Finding withMoreOccurrences(int more) {
        return copy(step, occurrences + more);
    }

    private Finding copy(String step, int occurrences) {
        return new Finding(
                kind,
                cause,
                line,
                step,
                stepLine,
                stepFailed,
                command,
                script,
                path,
                os,
                evidence,
                occurrences,
                installer);
    }
}
