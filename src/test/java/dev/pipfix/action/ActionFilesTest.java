package dev.pipfix.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.testing.WorkflowLint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code action.yml}, every workflow of this repository, and the workflow the README tells users to copy hold
 * against SchemaStore's github-action and github-workflow schemas and pass actionlint.
 */
class ActionFilesTest {

    @TempDir
    Path dir;

    @Test
    void the_action_and_the_repositorys_workflows_validate() throws Exception {
        // given
        List<Path> files = new ArrayList<>();
        files.add(Path.of("action.yml"));
        try (Stream<Path> workflows = Files.list(Path.of(".github/workflows"))) {
            workflows.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
        }

        // when
        List<WorkflowLint.Problem> problems = WorkflowLint.check(files);

        // then
        assertThat(files).hasSizeGreaterThan(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void the_workflow_the_readme_gives_users_validates() throws Exception {
        // given the first yaml block under "### The Action"
        Path workflow = dir.resolve("pipfix.yml");
        Files.writeString(workflow, readmeWorkflow(), StandardCharsets.UTF_8);

        // when
        List<WorkflowLint.Problem> problems = WorkflowLint.check(List.of(workflow));

        // then
        assertThat(Files.readString(workflow)).contains("workflow_run").contains("pull-requests: write");
        assertThat(problems).isEmpty();
    }

    @Test
    void a_workflow_with_mistakes_does_not_pass() throws Exception {
        // given an unknown context property and a key a step may not have
        Path workflow = dir.resolve("broken.yml");
        Files.writeString(workflow, """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ${{ github.evnt }}
                        bogus: 1
                """);

        // when
        List<WorkflowLint.Problem> problems = WorkflowLint.check(List.of(workflow));

        // then
        assertThat(problems)
                .extracting(WorkflowLint.Problem::message)
                .anySatisfy(m -> assertThat(m).contains("\"evnt\"").contains("[actionlint"))
                .anySatisfy(m -> assertThat(m).contains("[schema]"));
    }

    static String readmeWorkflow() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("\n### The Action");
        assertThat(section).as("README has a section 'The Action'").isPositive();
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        int end = readme.indexOf("\n```", start);
        return readme.substring(start, end) + "\n";
    }
}
