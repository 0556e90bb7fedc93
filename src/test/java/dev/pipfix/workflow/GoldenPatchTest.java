package dev.pipfix.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.LogScanner;
import dev.pipfix.fix.Fixes;
import dev.pipfix.settings.RepoSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under {@code src/test/resources/workflows} is a failing run: {@code ci.yml} as committed (or the
 * {@code file} named in {@code case.properties}, at its {@code path}: a composite action's {@code action.yml}),
 * {@code job.log} as GitHub served it, and {@code case.properties} with the API's job and step names (and a
 * {@code venv_path} or {@code fix} as {@code .github/pipfix.yml} may set them) and the
 * expected outcome (and the {@code strategy} the patch should have taken, where the case is about that). The log goes through the engine, the finding chooses the fix, the patch is applied with
 * {@code git apply} to the file in a scratch repository, and the result must equal {@code ci.patched.yml} byte for
 * byte and load as YAML. A missing golden file is written from the result for review, and the test fails.
 */
class GoldenPatchTest {

    private static final Path CASES = Path.of("src/test/resources/workflows");
    private static final String WORKFLOW_PATH = ".github/workflows/ci.yml";

    @TempDir
    Path repository;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_patch_applies_with_git_and_gives_the_golden_file(String name) throws Exception {
        // given
        Path dir = CASES.resolve(name);
        Properties expected = properties(dir.resolve("case.properties"));
        String file = expected.getProperty("file", "ci.yml");
        String path = expected.getProperty("path", WORKFLOW_PATH);
        String workflow = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        Finding finding = firstFinding(dir.resolve("job.log"));

        // when
        WorkflowFix fix = new WorkflowPatcher()
                .fix(new FixRequest(
                        path,
                        workflow,
                        expected.getProperty("job"),
                        expected.getProperty("step"),
                        finding.script(),
                        Fixes.strategyFor(
                                        finding,
                                        RepoSettings.Fix.valueOf(expected.getProperty("fix", "venv")
                                                .toUpperCase()
                                                .replace('-', '_')))
                                .orElseThrow(),
                        finding.os(),
                        expected.getProperty("venv_path", ".venv")));

        // then
        if (expected.getProperty("expect").equals("advice")) {
            assertThat(fix.hasDiff()).as("no patch for %s", name).isFalse();
            assertThat(fix.note().plain()).contains(expected.getProperty("note"));
            return;
        }
        assertThat(fix.diff()).as("%s: %s", name, fix.note()).isNotNull();
        if (expected.getProperty("strategy") != null) {
            assertThat(fix.strategy().id()).isEqualTo(expected.getProperty("strategy"));
        }
        String patched = gitApply(path, workflow, fix.diff());
        assertThat(PatchValidator.load(patched)).isNotNull();
        Path golden = dir.resolve(file.replace(".yml", ".patched.yml"));
        if (!Files.exists(golden)) {
            Files.writeString(golden, patched, StandardCharsets.UTF_8);
            throw new AssertionError(golden + " was missing and has been written: review it");
        }
        assertThat(patched).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private String gitApply(String path, String workflow, String diff) throws Exception {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, workflow, StandardCharsets.UTF_8);
        Path patch = repository.resolve("fix.patch");
        Files.writeString(patch, diff, StandardCharsets.UTF_8);
        run("git", "init", "-q");
        run("git", "apply", "--check", "fix.patch");
        run("git", "apply", "fix.patch");
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(repository.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
    }

    private static Finding firstFinding(Path log) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            List<Finding> findings = new LogScanner().scan(in).findings();
            assertThat(findings).as("the failing log shows a finding").isNotEmpty();
            return findings.get(0);
        }
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        return properties;
    }
}
