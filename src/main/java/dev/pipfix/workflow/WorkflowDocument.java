package dev.pipfix.workflow;

import dev.pipfix.text.Message;
import dev.pipfix.yaml.BoundedYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A workflow file read with line and column marks (snakeyaml-engine's composer, YAML 1.2: the key {@code on} stays a
 * string). Only read: patches are spliced into the original text, never re-serialised.
 */
final class WorkflowDocument {

    private final String text;
    private final String[] lines;
    private final String shell;
    private final List<WorkflowJob> jobs = new ArrayList<>();
    private final boolean composite;

    private WorkflowDocument(String text, MappingNode root) throws WorkflowException {
        this.text = text;
        this.lines = text.split("\n", -1);
        this.shell = defaultsShell(root);
        if (value(root, "runs") instanceof MappingNode runs && "composite".equals(scalar(runs, "using"))) {
            // a composite action: one list of steps, under runs.steps, each run step naming its shell
            this.composite = true;
            jobs.add(job(COMPOSITE_JOB, runs));
            return;
        }
        this.composite = false;
        Node jobsNode = value(root, "jobs");
        if (!(jobsNode instanceof MappingNode jobMap)) {
            throw new WorkflowException(
                    Message.of("the file has neither jobs (a workflow) nor runs.steps (a composite action)"));
        }
        for (NodeTuple tuple : jobMap.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && tuple.getValueNode() instanceof MappingNode job) {
                jobs.add(job(key.getValue(), job));
            }
        }
    }

    static WorkflowDocument parse(String path, String text) throws WorkflowException {
        Optional<Node> root;
        try {
            root = BoundedYaml.compose(text, path);
        } catch (YamlEngineException e) {
            throw new WorkflowException(
                    Message.of("the workflow file does not parse as YAML: {}", firstLine(e.getMessage())));
        } catch (BoundedYaml.LimitException e) {
            throw new WorkflowException(Message.of("pipfix does not read this workflow file: " + e.getMessage()));
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode mapping)) {
            throw new WorkflowException(Message.of("the workflow file is not a YAML mapping"));
        }
        return new WorkflowDocument(text, mapping);
    }

    /** The id standing for a composite action's own steps. */
    static final String COMPOSITE_JOB = "(composite action)";

    boolean composite() {
        return composite;
    }

    List<WorkflowJob> jobs() {
        return jobs;
    }

    /** The workflow's {@code defaults.run.shell}, or null. */
    String shell() {
        return shell;
    }

    String text() {
        return text;
    }

    String line(int index) {
        return lines[index];
    }

    /** The character offset in the text of a mark (marks count code points). */
    int offset(Mark mark) {
        return text.offsetByCodePoints(0, mark.getIndex());
    }

    private WorkflowJob job(String id, MappingNode job) {
        List<WorkflowStep> steps = new ArrayList<>();
        if (value(job, "steps") instanceof SequenceNode sequence) {
            int index = 0;
            for (Node item : sequence.getValue()) {
                if (item instanceof MappingNode step) {
                    steps.add(step(index, step));
                }
                index++;
            }
        }
        return new WorkflowJob(
                id,
                scalar(job, "name"),
                job,
                scalar(job, "uses"),
                value(job, "runs-on"),
                value(job, "container") != null,
                defaultsShell(job),
                steps);
    }

    private WorkflowStep step(int index, MappingNode step) {
        Mark start = step.getStartMark().orElseThrow();
        int line = start.getLine();
        int keyColumn = start.getColumn();
        int dash = dashBefore(line, keyColumn);
        return new WorkflowStep(
                index,
                step,
                scalar(step, "name"),
                scalar(step, "run"),
                scalar(step, "uses"),
                scalar(step, "shell"),
                value(step, "run") instanceof ScalarNode run ? run : null,
                value(step, "if") instanceof ScalarNode condition ? condition : null,
                line,
                dash,
                keyColumn);
    }

    /** The column of the sequence dash before a step's first key, or -1 when it is not on that line. */
    private int dashBefore(int line, int column) {
        String text = lines[line];
        for (int i = Math.min(column, text.length()) - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '-') {
                return i;
            }
            if (c != ' ' && c != '{') {
                return -1;
            }
        }
        return -1;
    }

    private static String defaultsShell(MappingNode node) {
        if (value(node, "defaults") instanceof MappingNode defaults
                && value(defaults, "run") instanceof MappingNode run) {
            return scalar(run, "shell");
        }
        return null;
    }

    static Node value(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    static String scalar(MappingNode mapping, String key) {
        return value(mapping, key) instanceof ScalarNode s ? s.getValue() : null;
    }

    private static String firstLine(String message) {
        return message == null
                ? "unknown error"
                : message.lines().findFirst().orElse(message).strip();
    }
}
