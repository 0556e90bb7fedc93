package dev.pipfix.workflow;

import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A job of the workflow.
 *
 * @param uses      the reusable workflow it calls ({@code uses:} at job level), or null
 * @param runsOn    the {@code runs-on} node, or null
 * @param container whether the job runs in a container
 * @param shell     the job's {@code defaults.run.shell}, or null
 */
record WorkflowJob(
        String id,
        String name,
        MappingNode node,
        String uses,
        Node runsOn,
        boolean container,
        String shell,
        List<WorkflowStep> steps) {

    WorkflowJob {
        steps = List.copyOf(steps);
    }
}
