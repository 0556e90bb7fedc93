package dev.pipfix.workflow;

import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Turns on {@code activate-environment} in the job's {@code astral-sh/setup-uv} step, spliced into the text: a line
 * in its block {@code with:}, a {@code with:} under its {@code uses:} line, or {@code false} made {@code true}; and
 * drops uv's {@code --system} in the failing step, which would pass over the activated environment.
 */
final class SetupUvActivation {

    static final String KEY = "activate-environment";

    /**
     * @param text          the patched file
     * @param alreadyActive setup-uv already activates an environment: nothing to patch
     */
    record Patched(String text, boolean alreadyActive) {}

    private SetupUvActivation() {}

    /** The patched text; empty when the step is written in a form not spliced into safely (a flow mapping). */
    static Optional<Patched> patch(WorkflowDocument document, WorkflowStep setupUv, WorkflowStep failing) {
        String text = document.text();
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        // the failing step comes later in the text: edit it first, so the offsets of the earlier splice hold
        String patched = text;
        ScalarNode run = failing.runNode();
        if (run != null) {
            int runStart = document.offset(run.getStartMark().orElseThrow());
            int runEnd = document.offset(run.getEndMark().orElseThrow());
            patched = text.substring(0, runStart)
                    + CommandEdits.withoutUvSystem(text.substring(runStart, runEnd))
                    + text.substring(runEnd);
        }
        Node with = WorkflowDocument.value(setupUv.node(), "with");
        if (with instanceof MappingNode inputs) {
            if (inputs.getFlowStyle() == FlowStyle.FLOW || inputs.getValue().isEmpty()) {
                return Optional.empty();
            }
            Node activate = WorkflowDocument.value(inputs, KEY);
            if (activate instanceof ScalarNode value) {
                if (value.getValue().strip().equalsIgnoreCase("true")) {
                    return Optional.of(new Patched(text, true));
                }
                if (value.getScalarStyle() != ScalarStyle.PLAIN
                        && value.getScalarStyle() != ScalarStyle.SINGLE_QUOTED
                        && value.getScalarStyle() != ScalarStyle.DOUBLE_QUOTED) {
                    return Optional.empty();
                }
                int start = document.offset(value.getStartMark().orElseThrow());
                int end = document.offset(value.getEndMark().orElseThrow());
                return Optional.of(new Patched(patched.substring(0, start) + "true" + patched.substring(end), false));
            }
            if (activate != null) {
                return Optional.empty();
            }
            NodeTuple first = inputs.getValue().get(0);
            int line = first.getKeyNode().getStartMark().orElseThrow().getLine();
            int column = first.getKeyNode().getStartMark().orElseThrow().getColumn();
            if (!document.line(line).substring(0, column).isBlank()) {
                // the first input shares its line with "with:" or the dash
                return Optional.empty();
            }
            int at = lineStart(patched, line);
            return Optional.of(new Patched(
                    patched.substring(0, at) + " ".repeat(column) + KEY + ": true" + newline + patched.substring(at),
                    false));
        }
        if (with != null) {
            return Optional.empty();
        }
        Node uses = WorkflowDocument.value(setupUv.node(), "uses");
        int usesLine = uses.getStartMark().orElseThrow().getLine();
        if (uses.getEndMark().orElseThrow().getLine() != usesLine) {
            return Optional.empty();
        }
        int at = lineStart(patched, usesLine + 1);
        String indent = " ".repeat(setupUv.keyColumn());
        String before = at == patched.length() && !patched.endsWith("\n") ? newline : "";
        return Optional.of(new Patched(
                patched.substring(0, at) + before + indent + "with:" + newline + indent + "  " + KEY + ": true"
                        + newline + patched.substring(at),
                false));
    }

    private static int lineStart(String text, int line) {
        int offset = 0;
        for (int i = 0; i < line; i++) {
            int next = text.indexOf('\n', offset);
            if (next < 0) {
                return text.length();
            }
            offset = next + 1;
        }
        return offset;
    }
}
