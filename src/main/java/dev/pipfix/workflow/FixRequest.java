package dev.pipfix.workflow;

import dev.pipfix.runner.RunnerOs;
import java.util.List;

/**
 * What to patch: the workflow file as committed at the run's head, the failing job and step as GitHub names them,
 * and what the log showed.
 *
 * @param job    the API's job name ({@code build (ubuntu-latest, 3.12)}) or the YAML job id; null to find the job
 *               from the script alone
 * @param step   the API's failed step name, or null
 * @param script the failing step's script as the log echoed it (may be empty)
 * @param osHint the OS the log showed, for {@code runs-on} expressions the file alone cannot resolve
 */
public record FixRequest(
        String path,
        String text,
        String job,
        String step,
        List<String> script,
        FixStrategy strategy,
        RunnerOs osHint,
        String venvPath) {

    public FixRequest {
        script = List.copyOf(script);
    }

    /** A request for the default virtual environment, {@code .venv}. */
    public FixRequest(
            String path,
            String text,
            String job,
            String step,
            List<String> script,
            FixStrategy strategy,
            RunnerOs osHint) {
        this(path, text, job, step, script, strategy, osHint, ".venv");
    }
}
