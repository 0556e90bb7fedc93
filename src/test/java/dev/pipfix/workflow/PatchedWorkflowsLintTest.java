package dev.pipfix.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.WorkflowLint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every golden patched workflow (and composite action) passes the public schema and actionlint wherever its
 * original does: a patch adds no problem. Originals may have their own (an alias actionlint does not read, a custom
 * runner label); those are the user's, and the patched file may keep them.
 */
class PatchedWorkflowsLintTest {

    private static final Path CASES = Path.of("src/test/resources/workflows");

    @Test
    void no_patch_adds_a_problem_to_the_workflow_it_patches() throws Exception {
        // given each case's original and patched file
        Map<Path, Path> pairs = new TreeMap<>();
        try (Stream<Path> cases = Files.list(CASES)) {
            for (Path dir : cases.sorted().toList()) {
                for (String name : List.of("ci", "action")) {
                    Path patched = dir.resolve(name + ".patched.yml");
                    if (Files.exists(patched)) {
                        pairs.put(patched, dir.resolve(name + ".yml"));
                    }
                }
            }
        }
        List<Path> files = new ArrayList<>(pairs.keySet());
        files.addAll(pairs.values());

        // when
        Map<String, Set<String>> problems = WorkflowLint.check(files).stream()
                .collect(Collectors.groupingBy(
                        WorkflowLint.Problem::file,
                        Collectors.mapping(WorkflowLint.Problem::message, Collectors.toSet())));

        // then
        assertThat(pairs).hasSizeGreaterThan(40);
        pairs.forEach((patched, original) -> assertThat(problems.getOrDefault(patched.toString(), Set.of()))
                .as("problems the patch added to %s", original)
                .isSubsetOf(problems.getOrDefault(original.toString(), Set.of())));
    }
}
