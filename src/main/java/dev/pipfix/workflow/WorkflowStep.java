package dev.pipfix.workflow;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A step of a job as the file writes it.
 *
 * @param line      0-based line of the step's dash
 * @param dash      column of the step's dash
 * @param keyColumn column of the step's first key ({@code - name:} puts it two after the dash)
 */
record WorkflowStep(
        int index,
        MappingNode node,
        String name,
        String run,
        String uses,
        String shell,
        ScalarNode runNode,
        ScalarNode ifNode,
        int line,
        int dash,
        int keyColumn) {

    /** What GitHub calls the step in the API and the log when it has no {@code name:}. */
    String displayName() {
        if (name != null) {
            return name;
        }
        if (run != null) {
            return "Run " + run.strip().lines().findFirst().orElse("").strip();
        }
        return uses != null ? "Run " + uses : null;
    }
}
