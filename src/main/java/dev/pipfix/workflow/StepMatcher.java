package dev.pipfix.workflow;

import java.util.ArrayList;
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
        List<WorkflowStep> named = new ArrayList<>();
        if (apiStep != null) {
            String wanted = apiStep.strip();
            for (WorkflowStep step : job.steps()) {
                String display = step.displayName();
                if (display != null
                        && (display.strip().equals(wanted)
                                || ExpressionTemplate.holdsExpression(display)
                                        && ExpressionTemplate.of(display).matches(wanted))) {
                    named.add(step);
                }
            }
        }
        if (named.size() == 1) {
            return Optional.of(named.get(0));
        }
        // several steps share the name (unnamed steps whose scripts begin alike: ". venv/bin/activate"), or none has
        // it: the whole script the log echoed tells them apart, then its first line
        List<WorkflowStep> candidates = named.isEmpty() ? job.steps() : named;
        Optional<WorkflowStep> whole = candidates.stream()
                .filter(step -> step.run() != null && sameScript(step.run(), script))
                .findFirst();
        if (whole.isPresent() || script.isEmpty()) {
            return whole.or(() -> named.stream().findFirst());
        }
        String first = script.get(0).strip();
        return candidates.stream()
                .filter(step -> step.run() != null
                        && step.run()
                                .strip()
                                .lines()
                                .findFirst()
                                .orElse("")
                                .strip()
                                .equals(first))
                .findFirst()
                .or(() -> named.stream().findFirst());
    }

    /**
     * The script as written and as the runner echoed it, blank lines aside; a line holding {@code ${{ }}} matches
     * what the runner made of it.
     */
    private static boolean sameScript(String run, List<String> echoed) {
        List<String> written =
                run.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> logged = echoed.stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        if (written.size() != logged.size() || written.isEmpty()) {
            return false;
        }
        for (int i = 0; i < written.size(); i++) {
            String line = written.get(i);
            boolean same = ExpressionTemplate.holdsExpression(line)
                    ? ExpressionTemplate.of(line).matches(logged.get(i))
                    : line.equals(logged.get(i));
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
