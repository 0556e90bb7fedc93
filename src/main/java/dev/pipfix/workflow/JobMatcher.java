package dev.pipfix.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the YAML job behind the API's job name: its {@code name:} (which may hold {@code ${{ matrix.x }}}) or its
 * id, with {@code  (value, value)} appended for matrix jobs whose name has no expression, and
 * {@code caller / callee} for jobs of a reusable workflow.
 */
final class JobMatcher {

    /** A job and the matrix values the API name carried, in order. */
    record Match(WorkflowJob job, List<String> matrixValues) {}

    private JobMatcher() {}

    static Optional<Match> find(WorkflowDocument document, String apiName) {
        String wanted = apiName.strip();
        for (WorkflowJob job : document.jobs()) {
            String base = job.name() != null ? job.name() : job.id();
            if (wanted.equals(base) || wanted.equals(job.id())) {
                return Optional.of(new Match(job, List.of()));
            }
            if (wanted.startsWith(base + " (") && wanted.endsWith(")")) {
                String inner = wanted.substring(base.length() + 2, wanted.length() - 1);
                return Optional.of(new Match(job, Arrays.asList(inner.split(", "))));
            }
            if (job.uses() != null && wanted.startsWith(base + " / ")) {
                return Optional.of(new Match(job, List.of()));
            }
            if (ExpressionTemplate.holdsExpression(base)) {
                Optional<List<String>> values = ExpressionTemplate.of(base).match(wanted);
                if (values.isPresent()) {
                    return Optional.of(new Match(job, values.get()));
                }
            }
        }
        return Optional.empty();
    }
}
