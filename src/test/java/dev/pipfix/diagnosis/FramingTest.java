package dev.pipfix.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same installer error in every frame real logs put around it gives the same finding: the same kind, cause,
 * path and evidence (the evidence in the installer's own words, without the frame). And the frames do not turn
 * quoted errors into findings.
 */
class FramingTest {

    /** A frame as a function of the line's index: timestamps and elapsed times change from line to line. */
    record Frame(String name, IntFunction<String> prefix) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A step's output, the step that printed it, and what it should be found to be. */
    record Block(String name, String command, List<String> output) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Frame> LOGGED = List.of(
            new Frame("BuildKit step and time", i -> "#12 " + (3 + i) + ".456 "),
            new Frame("BuildKit elapsed time alone", i -> (10 + i) + ".88 "),
            new Frame("kaniko", i -> "[2024-02-27 00:22:" + (10 + i) + "] \u2502 "),
            new Frame("a build service's clock", i -> "12:34:" + (10 + i) + " "),
            new Frame("tee'd output", i -> "| "),
            new Frame("Compose service", i -> "web-1  | "),
            new Frame("tox environment", i -> "py312: "),
            new Frame("nox", i -> "nox > "),
            new Frame("GitLab timestamp", i -> "2024-02-27T00:22:" + (10 + i) + ".123456Z 00O "),
            new Frame("Jenkins timestamp", i -> "[2024-02-27T00:22:" + (10 + i) + ".123Z] "),
            new Frame("ANSI colour", i -> "\u001B[31m"),
            new Frame("BuildKit around tox", i -> "#8 " + i + ".1 py312: "));

    static final List<Frame> PASTED = List.of(
            new Frame("inline backticks", i -> "`"),
            new Frame("blockquote", i -> "> "),
            new Frame("list bullet", i -> "- "),
            new Frame("star bullet", i -> "* "));

    static final List<Block> BLOCKS = List.of(
            new Block(
                    "pip's headline",
                    "pip install requests",
                    List.of(
                            "Installing collected packages: requests",
                            "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: "
                                    + "'/usr/lib/python3/dist-packages/requests'",
                            "Consider using the `--user` option or check the permissions.")),
            new Block(
                    "pip's traceback",
                    "pip install x",
                    List.of(
                            "ERROR: Exception:",
                            "Traceback (most recent call last):",
                            "  File \"/usr/lib/python3/dist-packages/pip/_internal/cli/base_command.py\", line 180, in"
                                    + " exc_logging_wrapper",
                            "    status = run_func(*args)",
                            "PermissionError: [Errno 13] Permission denied: '/usr/local/lib/python3.12/dist-packages/x'")),
            new Block(
                    "PEP 668",
                    "pip install requests",
                    List.of(
                            "error: externally-managed-environment",
                            "",
                            "\u00D7 This environment is externally managed",
                            "\u2570\u2500> To install Python packages system-wide, try apt install",
                            "    python3-xyz, where xyz is the package you are trying to")),
            new Block(
                    "uv's causes",
                    "uv pip install --system -r requirements.txt",
                    List.of(
                            "error: Failed to install: rpds_py-0.18.0-cp310-cp310-manylinux_2_17_x86_64.whl (rpds-py==0.18.0)",
                            "  Caused by: failed to create directory "
                                    + "`/usr/local/lib/python3.10/dist-packages/rpds_py-0.18.0.dist-info`",
                            "  Caused by: Permission denied (os error 13)")),
            new Block(
                    "a distro package pip cannot uninstall",
                    "pip install -U PyYAML",
                    List.of(
                            "    Found existing installation: PyYAML 6.0.1",
                            "error: uninstall-no-record-file",
                            "",
                            "\u00D7 Cannot uninstall PyYAML 6.0.1",
                            "\u2570\u2500> The package's contents are unknown: no RECORD file was found for PyYAML.",
                            "",
                            "hint: The package was installed by debian. You should check if it can uninstall the"
                                    + " package.")));

    static Stream<Arguments> loggedFrames() {
        return LOGGED.stream().flatMap(frame -> BLOCKS.stream().map(block -> Arguments.of(frame, block)));
    }

    static Stream<Arguments> pastedFrames() {
        return PASTED.stream().flatMap(frame -> BLOCKS.stream().map(block -> Arguments.of(frame, block)));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("loggedFrames")
    void an_error_in_a_logged_frame_is_found_as_it_is_without_one(Frame frame, Block block) throws IOException {
        // given the block as a job logs it, and the same block framed
        List<Finding> plain = scan(jobLog(block, i -> ""));
        List<Finding> framed = scan(jobLog(block, frame.prefix()));

        // then both give the same one finding, in the installer's own words
        assertThat(plain).hasSize(1);
        assertSameFindings(framed, plain);
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("pastedFrames")
    void an_error_in_a_pasted_frame_is_found_as_it_is_without_one(Frame frame, Block block) throws IOException {
        List<Finding> plain = scan(pastedLog(block, i -> "", ""));
        String close = frame.name().contains("backticks") ? "`" : "";
        List<Finding> framed = scan(pastedLog(block, frame.prefix(), close));

        assertThat(plain).hasSize(1);
        assertSameFindings(framed, plain);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mojibake")
    void pips_marks_spoilt_by_a_wrong_encoding_are_read_as_pips(String times, String arrow) throws IOException {
        Block pep668 = new Block(
                "PEP 668",
                "pip install requests",
                List.of(
                        times + " This environment is externally managed",
                        arrow + " To install Python packages system-wide, try apt install",
                        "    python3-xyz, where xyz is the package you are trying to"));

        List<Finding> findings = scan(pastedLog(pep668, i -> "", ""));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.EXTERNALLY_MANAGED_ENVIRONMENT);
            assertThat(f.evidence())
                    .containsExactly(
                            "\u00D7 This environment is externally managed",
                            "\u2570\u2500> To install Python packages system-wide, try apt install");
        });
    }

    static Stream<Arguments> mojibake() {
        return Stream.of(
                Arguments.of("\u00C3\u2014", "\u00E2\u2022\u00B0\u00E2\u201D\u20AC>"),
                Arguments.of("\uFFFD", "\uFFFD\uFFFD\uFFFD>"),
                Arguments.of("x", "\uFFFD>"));
    }

    @Test
    void an_error_annotated_by_the_tool_is_read_after_the_annotation() throws IOException {
        List<Finding> findings = scan(jobLog(
                new Block(
                        "annotated",
                        "pip install x",
                        List.of("##[error]ERROR: Could not install packages due to an OSError: [Errno 13] Permission"
                                + " denied: '/usr/lib/python3/dist-packages/x'")),
                i -> ""));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.PERMISSION_DENIED);
            assertThat(f.path()).isEqualTo("/usr/lib/python3/dist-packages/x");
            assertThat(f.stepFailed()).isTrue();
        });
    }

    @Test
    void an_error_glued_onto_the_step_header_of_a_copy_is_the_steps_output() throws IOException {
        List<Finding> findings = scan("Run pip install -r requirements.txtERROR: Could not install packages due to an"
                + " OSError: [Errno 13] Permission denied: '/usr/lib/python3/dist-packages/requests'\n"
                + "Error: Process completed with exit code 1.\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.step()).isEqualTo("Run pip install -r requirements.txt");
            assertThat(f.cause()).isEqualTo(Cause.SYSTEM_SITE_PACKAGES);
            assertThat(f.command()).isEqualTo("pip install -r requirements.txt");
        });
    }

    @Test
    void lines_a_copy_soft_wrapped_are_read_across_the_break() throws IOException {
        // given uv's cause with its OS error wrapped onto the next line, and pip's tuple list opened on its own line
        List<Finding> uv = scan("Run uv venv\n  uv venv\n"
                + "error: Failed to create virtual environment\n"
                + "  Caused by: failed to remove directory `D:\\a\\app\\.venv`: The process cannot access the file\n"
                + " because it is being used by another process. (os error 32)\n"
                + "Error: Process completed with exit code 2.\n");
        List<Finding> tuples = scan("Run pip install -U six\n  pip install -U six\n"
                + "ERROR: Could not install packages due to an EnvironmentError: [\n"
                + "('/usr/lib/python3/dist-packages/six.py', '/tmp/pip-uninstall-x/six.py',\n"
                + "\"[Errno 1] Operation not permitted: '/usr/lib/python3/dist-packages/six.py'\")]\n"
                + "Error: Process completed with exit code 1.\n");

        assertThat(uv).singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(Kind.FILE_IN_USE));
        assertThat(tuples).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.OPERATION_NOT_PERMITTED);
            assertThat(f.path()).isEqualTo("/usr/lib/python3/dist-packages/six.py");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quotedErrors")
    void an_error_quoted_by_a_script_a_test_or_a_document_is_not_a_finding(String line) throws IOException {
        // given a failing step that prints pip's words in a line that is not pip's output
        Block quoted = new Block("quoted", "make test", List.of(line));

        // then nothing is found, logged or pasted
        assertThat(scan(jobLog(quoted, i -> ""))).as("logged").isEmpty();
    }

    static Stream<String> quotedErrors() {
        return Stream.of(
                "+ echo 'ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: /usr/x'",
                "+ grep -q 'error: externally-managed-environment' build.log",
                "E       AssertionError: assert 'ERROR: Could not install packages due to an OSError: [Errno 13] "
                        + "Permission denied' in out",
                "> ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/usr/x'",
                "- error: externally-managed-environment",
                "docs/errors.md:12: ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied",
                "echo \"error: externally-managed-environment\"");
    }

    private static void assertSameFindings(List<Finding> framed, List<Finding> plain) {
        assertThat(framed).hasSameSizeAs(plain);
        for (int i = 0; i < plain.size(); i++) {
            Finding want = plain.get(i);
            assertThat(framed.get(i)).satisfies(f -> {
                assertThat(f.kind()).isEqualTo(want.kind());
                assertThat(f.cause()).isEqualTo(want.cause());
                assertThat(f.path()).isEqualTo(want.path());
                assertThat(f.evidence()).isEqualTo(want.evidence());
                assertThat(f.step()).isEqualTo(want.step());
                assertThat(f.command()).isEqualTo(want.command());
            });
        }
    }

    /** A raw job log: the runner's own lines unframed, the step's output framed. */
    private static String jobLog(Block block, IntFunction<String> frame) {
        StringBuilder log = new StringBuilder("\uFEFF");
        line(log, "##[group]Run " + block.command());
        line(log, "\u001B[36;1m" + block.command() + "\u001B[0m");
        line(log, "shell: /usr/bin/bash -e {0}");
        line(log, "##[endgroup]");
        for (int i = 0; i < block.output().size(); i++) {
            line(log, frame.apply(i) + block.output().get(i));
        }
        line(log, "##[error]Process completed with exit code 1.");
        return log.toString();
    }

    /** A copy from the web page, its output framed as someone pasting it framed it. */
    private static String pastedLog(Block block, IntFunction<String> frame, String close) {
        StringBuilder log = new StringBuilder();
        log.append("Run ").append(block.command()).append('\n');
        log.append("  ").append(block.command()).append('\n');
        log.append("  shell: /usr/bin/bash -e {0}\n");
        for (int i = 0; i < block.output().size(); i++) {
            String output = block.output().get(i);
            log.append(output.isEmpty() ? "" : frame.apply(i) + output + close).append('\n');
        }
        log.append("Error: Process completed with exit code 1.\n");
        return log.toString();
    }

    private static void line(StringBuilder log, String text) {
        log.append("2026-11-20T09:14:02.1234567Z ").append(text).append('\n');
    }

    private static List<Finding> scan(String log) throws IOException {
        return RulesTest.scan(log);
    }
}
