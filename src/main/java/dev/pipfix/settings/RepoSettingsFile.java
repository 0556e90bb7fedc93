package dev.pipfix.settings;

import dev.pipfix.text.Markdown;
import dev.pipfix.yaml.BoundedYaml;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads {@code .github/pipfix.yml}. A broken file never stops the analysis: each problem is named with its line, and
 * the setting it concerns keeps its default (all of them when the file is not YAML).
 */
public final class RepoSettingsFile {

    /** A relative path of plain characters: it is written into a shell line of the workflow. */
    private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private static final Set<String> KEYS = Set.of("enabled", "workflows", "fix", "venv_path", "comment_on", "apply");

    /** The settings, and what was wrong with the file. */
    public record Parsed(RepoSettings settings, List<SettingsProblem> problems) {

        public Parsed {
            problems = List.copyOf(problems);
        }
    }

    private RepoSettingsFile() {}

    /** A settings file is a few lines (the GitHub layer reads no more than this either). */
    public static final int MAX_CHARS = 64 * 1024;

    /** A repository without the file: the defaults, and no problem. */
    public static Parsed absent() {
        return new Parsed(RepoSettings.DEFAULTS, List.of());
    }

    /** @param text the file's text */
    public static Parsed parse(String text) {
        if (text.isBlank()) {
            return new Parsed(RepoSettings.DEFAULTS, List.of());
        }
        Optional<Node> root;
        try {
            root = BoundedYaml.compose(text, RepoSettings.PATH, MAX_CHARS);
        } catch (BoundedYaml.LimitException e) {
            return new Parsed(
                    RepoSettings.DEFAULTS,
                    List.of(new SettingsProblem(
                            1,
                            "pipfix does not read this file (" + e.getMessage()
                                    + "), so every setting keeps its default")));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(mark -> mark.getLine() + 1).orElse(1);
            return new Parsed(
                    RepoSettings.DEFAULTS,
                    List.of(new SettingsProblem(
                            line,
                            "this is not valid YAML (" + Markdown.codeSpan(e.getProblem())
                                    + "), so every setting keeps its default")));
        } catch (YamlEngineException e) {
            return new Parsed(
                    RepoSettings.DEFAULTS,
                    List.of(new SettingsProblem(
                            1,
                            "this is not valid YAML (" + Markdown.codeSpan(String.valueOf(e.getMessage()))
                                    + "), so every setting keeps its default")));
        }
        if (root.isEmpty()) {
            return new Parsed(RepoSettings.DEFAULTS, List.of());
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            return new Parsed(
                    RepoSettings.DEFAULTS,
                    List.of(new SettingsProblem(
                            line(root.get()),
                            "the file should be a mapping of settings (`enabled: true`, ...), so every setting keeps its"
                                    + " default")));
        }
        return read(mapping);
    }

    private static Parsed read(MappingNode mapping) {
        List<SettingsProblem> problems = new ArrayList<>();
        RepoSettings d = RepoSettings.DEFAULTS;
        boolean enabled = d.enabled();
        List<String> workflows = d.workflows();
        String venvPath = d.venvPath();
        boolean commentOnPush = d.commentOnPush();
        RepoSettings.Fix fix = d.fix();
        boolean apply = d.apply();
        Set<String> seen = new LinkedHashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(new SettingsProblem(line(tuple.getKeyNode()), "a setting's name should be a word"));
                continue;
            }
            String key = keyNode.getValue();
            Node value = tuple.getValueNode();
            if (!key.matches("[A-Za-z0-9_.-]{1,40}")) {
                // the comment quotes setting names; one that is not a plain word is not quoted
                problems.add(new SettingsProblem(
                        line(keyNode), "a setting name that is not a plain word; it is" + " ignored"));
                continue;
            }
            if (!seen.add(key)) {
                problems.add(new SettingsProblem(
                        line(keyNode), Markdown.codeSpan(key) + " is set twice; the first is used"));
                continue;
            }
            switch (key) {
                case "enabled" -> {
                    Boolean flag = bool(value);
                    if (flag == null) {
                        problems.add(new SettingsProblem(
                                line(value), "`enabled` should be true or false; it stays" + " true"));
                    } else {
                        enabled = flag;
                    }
                }
                case "workflows" -> {
                    List<String> names = strings(value);
                    if (names == null) {
                        problems.add(
                                new SettingsProblem(
                                        line(value),
                                        "`workflows` should be a list of workflow"
                                                + " names or paths (`[CI, .github/workflows/test.yml]`); every workflow is watched"));
                    } else {
                        workflows = names;
                    }
                }
                case "fix" -> {
                    String text = scalar(value);
                    String chosen = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
                    RepoSettings.Fix found = null;
                    for (RepoSettings.Fix candidate : RepoSettings.Fix.values()) {
                        if (candidate.id().equals(chosen)) {
                            found = candidate;
                        }
                    }
                    if (found == null) {
                        problems.add(new SettingsProblem(
                                line(value), "`fix` should be venv, user or setup-python;" + " it stays venv"));
                    } else {
                        fix = found;
                    }
                }
                case "venv_path" -> {
                    String text = scalar(value);
                    String path = text == null ? null : text.strip().replaceFirst("^\\./", "");
                    if (path == null || !RELATIVE_PATH.matcher(path).matches() || path.contains("..")) {
                        problems.add(new SettingsProblem(
                                line(value),
                                "`venv_path` should be a relative path of"
                                        + " letters, digits, `.`, `_`, `-` and `/` (such as `.venv`); it stays .venv"));
                    } else {
                        venvPath = path;
                    }
                }
                case "comment_on" -> {
                    List<String> targets = strings(value);
                    if (targets == null
                            || targets.isEmpty()
                            || !Set.of("pull_request", "push").containsAll(targets)) {
                        problems.add(new SettingsProblem(
                                line(value),
                                "`comment_on` should be pull_request, push, or"
                                        + " both as a list; it stays pull_request"));
                    } else {
                        commentOnPush = targets.contains("push");
                    }
                }
                case "apply" -> {
                    Boolean flag = bool(value);
                    if (flag == null) {
                        problems.add(
                                new SettingsProblem(line(value), "`apply` should be true or false; it stays true"));
                    } else {
                        apply = flag;
                    }
                }
                default ->
                    problems.add(new SettingsProblem(
                            line(keyNode),
                            Markdown.codeSpan(key) + " is not a setting pipfix" + " knows ("
                                    + String.join(", ", KEYS.stream().sorted().toList()) + "); it is ignored"));
            }
        }
        return new Parsed(new RepoSettings(enabled, workflows, venvPath, commentOnPush, fix, apply), problems);
    }

    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    /** YAML 1.2's booleans, as snakeyaml-engine's core schema reads them. */
    private static Boolean bool(Node node) {
        String text = scalar(node);
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> null;
        };
    }

    /** A list of scalars, or one scalar as a list of one. */
    private static List<String> strings(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue().isBlank()
                    ? null
                    : List.of(scalar.getValue().strip());
        }
        if (!(node instanceof SequenceNode sequence)) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String text = scalar(item);
            if (text == null || text.isBlank()) {
                return null;
            }
            values.add(text.strip());
        }
        return values;
    }
}
