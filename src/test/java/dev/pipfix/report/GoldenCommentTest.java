package dev.pipfix.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.LogScanner;
import dev.pipfix.fix.Fixes;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.workflow.FixRequest;
import dev.pipfix.workflow.WorkflowFix;
import dev.pipfix.workflow.WorkflowPatcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One golden comment per cause, rendered from a fixture log (and, where a fixture workflow exists, with its patch)
 * exactly as a failed run of the {@code CI} workflow would get it. A missing golden is written for review and the
 * test fails.
 */
class GoldenCommentTest {

    private static final Path GOLDEN = Path.of("src/test/resources/comments");
    private static final Path RESOURCES = Path.of("src/test/resources");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            system-site-packages | corpus/positive/permission-denied--system-site-packages--self-hosted-linux-dist-packages.log | -
            user-site-unwritable | workflows/self-hosted-labels-user-site/job.log                                    | workflows/self-hosted-labels-user-site
            root-owned-cache     | workflows/root-owned-cache-no-cache-dir/job.log                                   | workflows/root-owned-cache-no-cache-dir
            tool-cache           | workflows/setup-python-self-hosted-tool-cache/job.log                             | workflows/setup-python-self-hosted-tool-cache
            pip-self-upgrade     | workflows/matrix-os-windows-leg-pip-self-upgrade/job.log                          | workflows/matrix-os-windows-leg-pip-self-upgrade
            file-locked          | corpus/positive/file-in-use--file-locked--windows-site-packages-pyd.log           | -
            sudo-pip             | corpus/positive/permission-denied--sudo-pip--self-hosted-nfs-root-squash.log      | -
            externally-managed   | workflows/ubuntu-24.04-pep668-named-step/job.log                                  | workflows/ubuntu-24.04-pep668-named-step
            read-only            | corpus/positive/read-only-filesystem--read-only--container-readonly-rootfs.log    | -
            unknown              | corpus/positive/permission-denied--unknown--chinese-record-file.log               | -
            distro-package       | workflows/distro-package-sudo-pip-ubuntu/job.log                                 | workflows/distro-package-sudo-pip-ubuntu
            source-tree-unwritable | corpus/positive/permission-denied--source-tree-unwritable--container-egg-info-no-path.log | -
            no-environment       | workflows/setup-uv-pinned-sha-with-inputs/job.log                               | workflows/setup-uv-pinned-sha-with-inputs
            pipx-home-unwritable | workflows/pipx-home-root-owned-self-hosted/job.log                              | workflows/pipx-home-root-owned-self-hosted
            user-site-unavailable | workflows/pip-user-inside-earlier-venv/job.log                                | workflows/pip-user-inside-earlier-venv
            target-directory-unwritable | corpus/positive/permission-denied--target-directory-unwritable--vendor-dir-root-owned.log | -
            earlier-sudo-pip     | corpus/positive/permission-denied--earlier-sudo-pip--self-hosted-second-step-shared-dir.log | -
            """)
    void the_comment_for_each_cause_matches_its_golden_file(String cause, String log, String workflowCase)
            throws IOException {
        Finding finding = firstFinding(RESOURCES.resolve(log));
        assertThat(finding.cause().id()).isEqualTo(cause);
        String jobName = "test";
        String step = finding.step();
        WorkflowFix fix = null;
        if (workflowCase != null) {
            Properties properties = new Properties();
            properties.load(new StringReader(
                    Files.readString(RESOURCES.resolve(workflowCase).resolve("case.properties"))));
            jobName = properties.getProperty("job");
            step = properties.getProperty("step");
            fix = new WorkflowPatcher()
                    .fix(new FixRequest(
                            ".github/workflows/ci.yml",
                            Files.readString(RESOURCES.resolve(workflowCase).resolve("ci.yml")),
                            jobName,
                            step,
                            finding.script(),
                            Fixes.strategyFor(finding).orElseThrow(),
                            finding.os()));
        }
        FailedJob job = new FailedJob(
                jobName,
                "https://github.com/octo-org/octo-repo/actions/runs/680634037/job/1001",
                Optional.ofNullable(step),
                4,
                List.of(finding),
                false,
                Optional.ofNullable(fix));

        String body = new CommentRenderer()
                .render(new RunReport(
                        "CI",
                        7087581,
                        7,
                        1,
                        "https://github.com/octo-org/octo-repo/actions/runs/680634037",
                        List.of(job)));

        Path golden = GOLDEN.resolve(cause + ".md");
        if (!Files.exists(golden)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, body, StandardCharsets.UTF_8);
            throw new AssertionError(golden + " was missing and has been written: review it");
        }
        assertThat(body).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** The comment's step and the patch's come from one source: the YAML block is the step the diff inserts. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user-site-unwritable", "externally-managed"})
    void the_step_the_comment_shows_is_the_one_the_patch_inserts(String cause) throws IOException {
        String comment = Files.readString(GOLDEN.resolve(cause + ".md"), StandardCharsets.UTF_8);

        String yaml = block(comment, "```yaml\n");
        List<String> added = block(comment, "```diff\n")
                .lines()
                .filter(line -> line.startsWith("+") && !line.startsWith("+++"))
                .map(line -> line.substring(1))
                .toList();
        int indent = added.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        String inserted = added.stream()
                .map(line -> line.length() >= indent ? line.substring(indent) : line.strip())
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));

        assertThat(yaml).startsWith("- name: Create a virtual environment");
        assertThat(inserted).startsWith(yaml);
    }

    private static String block(String markdown, String opening) {
        int start = markdown.indexOf(opening);
        assertThat(start).as("%s in the comment", opening.strip()).isNotNegative();
        int from = start + opening.length();
        return markdown.substring(from, markdown.indexOf("```", from));
    }

    private static Finding firstFinding(Path log) throws IOException {
        String path = RESOURCES.relativize(log).toString();
        String text = path.startsWith("corpus/")
                ? Fixtures.corpusLog(path.substring("corpus/".length()))
                : Files.readString(log, StandardCharsets.UTF_8);
        return new LogScanner()
                .scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                .findings()
                .get(0);
    }
}
