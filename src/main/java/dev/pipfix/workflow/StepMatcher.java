package dev.pipfix.workflow;

import java.util.List;
import java.util.Optional;

/**
 * Finds the failing step by the API's step name ({@code name:}, {@code Run <first line>}, or
 * {@code Run owner/action@ref}) and, failing that, by the script the log echoed. The API's step numbers count set-up
 * and container steps, so they are never used.
 */
final class StepMatcher {

    private StepMatcher() {}

    static Optional<WorkflowStep> find(WorkflowJob job, String apiStep, List<String> script) {
        if (apiStep != null) {
            String wanted = apiStep.strip();
            for (WorkflowStep step : job.steps()) {
                String display = step.displayName();
                if (display == null) {
                    continue;
                }
                if (display.strip().equals(wanted)
                        || display.contains("${{")
                                && JobMatcher.expressionPattern(display)
                                        .matcher(wanted)
                                        .matches()) {
                    return Optional.of(step);
                }
            }
        }
        if (!script.isEmpty()) {
            String first = script.get(0).strip();
            for (WorkflowStep step : job.steps()) {
                if (step.run() != null
                        && step.run()
                                .strip()
                                .lines()
                                .findFirst()
                                .orElse("")
                                .strip()
                                .equals(first)) {
                    return Optional.of(step);
                }
            }
        }
        return Optional.empty();
    }
}
