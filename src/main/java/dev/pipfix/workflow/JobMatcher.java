package dev.pipfix.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the YAML job behind the API's job name: its {@code name:} (which may hold {@code ${{ matrix.x }}}) or its
 * id, with {@code  (value, value)} appended for matrix jobs whose name has no expression, and
 * {@code caller / callee} for jobs of a reusable workflow.
 */
final class JobMatcher {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{.*?}}");

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
            if (base.contains("${{")) {
                Matcher matcher = expressionPattern(base).matcher(wanted);
                if (matcher.matches()) {
                    List<String> values = new ArrayList<>();
                    for (int g = 1; g <= matcher.groupCount(); g++) {
                        values.add(matcher.group(g));
                    }
                    return Optional.of(new Match(job, values));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code Test on ${{ matrix.os }}} becomes {@code \QTest on \E(.+?)}, optionally with a matrix suffix. */
    static Pattern expressionPattern(String name) {
        StringBuilder regex = new StringBuilder();
        Matcher expression = EXPRESSION.matcher(name);
        int last = 0;
        while (expression.find()) {
            regex.append(Pattern.quote(name.substring(last, expression.start())))
                    .append("(.+?)");
            last = expression.end();
        }
        regex.append(Pattern.quote(name.substring(last))).append("(?: \\(.*\\))?");
        return Pattern.compile(regex.toString());
    }
}
