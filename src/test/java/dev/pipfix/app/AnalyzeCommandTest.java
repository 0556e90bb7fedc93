package dev.pipfix.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.SavedForms;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    private static final String WINDOWS = "corpus/positive/access-denied--pip-self-upgrade--windows-pwsh-pip-exe.log";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void json_follows_the_design_contract() throws Exception {
        int status = analyze(file(WINDOWS), "--format", "json");

        assertThat(status).isZero();
        JsonNode finding =
                new ObjectMapper().readTree(out.toString()).path("findings").get(0);
        assertThat(finding.path("kind").asText()).isEqualTo("access-denied");
        assertThat(finding.path("cause").asText()).isEqualTo("pip-self-upgrade");
        assertThat(finding.path("line").asLong()).isEqualTo(58);
        assertThat(finding.path("step").asText()).isEqualTo("Run pip install --upgrade pip");
        assertThat(finding.path("command").asText()).isEqualTo("pip install --upgrade pip");
        assertThat(finding.path("path").asText()).endsWith("pip-uninstall-q8v3w1ke\\pip.exe");
        assertThat(finding.path("os").asText()).isEqualTo("windows");
        assertThat(finding.path("evidence").get(0).asText()).contains("[WinError 5] Access is denied");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void json_without_findings_is_an_empty_list_and_exit_0() throws Exception {
        int status = analyze(file("corpus/negative/npm-eacces.log"), "--format", "JSON");

        assertThat(status).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).path("findings").isEmpty())
                .isTrue();
    }

    @Test
    void text_gives_the_finding_its_cause_and_the_fix_in_a_sentence() throws Exception {
        int status = analyze(file(WINDOWS));

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("1 installer permission error")
                .contains("line 58: access-denied (pip-self-upgrade)")
                .contains("step:     Run pip install --upgrade pip (failed)")
                .contains("fix:      Upgrade pip with \"python -m pip install --upgrade pip\"");
    }

    @Test
    void markdown_is_the_comment_as_it_would_be_posted() throws Exception {
        int status = analyze(file(WINDOWS), "--format", "markdown");

        assertThat(status).isZero();
        assertThat(out.toString())
                .startsWith("<!-- pipfix:workflow=0 -->\n")
                .contains("This job log shows a failure")
                .contains("#### Step `Run pip install --upgrade pip`")
                .contains("run: python -m pip install --upgrade pip");
    }

    @Test
    void standard_input_is_read_with_a_dash() throws Exception {
        int status = Main.run(
                new String[] {"analyze", "-"},
                new ByteArrayInputStream(Fixtures.bytes(WINDOWS)),
                new PrintWriter(out, true),
                new PrintWriter(err, true));

        assertThat(status).isZero();
        assertThat(out.toString()).contains("access-denied (pip-self-upgrade)");
    }

    @Test
    void bad_input_gets_a_clear_message_and_exit_2() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.log"));
        Path binary = Files.write(dir.resolve("core.bin"), new byte[] {0x7F, 'E', 'L', 'F', 0, 0, 0});

        assertThat(analyze(dir.resolve("missing.log").toString())).isEqualTo(2);
        assertThat(analyze(dir.toString())).isEqualTo(2);
        assertThat(analyze(empty.toString())).isEqualTo(2);
        assertThat(analyze(binary.toString())).isEqualTo(2);
        assertThat(analyze(file(WINDOWS), "--format", "yaml")).isEqualTo(2);
        assertThat(analyze()).isEqualTo(2);
        assertThat(analyze(file(WINDOWS), "--workflows", "ci.yml")).isEqualTo(2);

        assertThat(err.toString())
                .contains("missing.log: no such file")
                .contains(": is a directory; give a job log, gh run view's output or a run's log zip")
                .contains("empty.log: the file is empty")
                .contains("core.bin: not a text log: binary data")
                .contains("--format is 'yaml': give text, json or markdown")
                .contains("give one LOG or more")
                .contains("Unrecognized option: --workflows");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void the_readmes_gh_run_view_log_failed_file_is_read_with_its_job_and_step() throws Exception {
        // given the README's first suggestion: gh run view RUN --log-failed > job.log
        Path saved = Files.writeString(
                dir.resolve("job.log"), SavedForms.ghRunView("build (windows-latest)", Fixtures.text(WINDOWS), false));

        // when
        int text = analyze(saved.toString());
        String textOut = out.toString();
        out.getBuffer().setLength(0);
        int json = analyze(saved.toString(), "--format", "json");

        // then the finding as for the raw log, in the job and the step gh's columns name
        assertThat(text).isZero();
        assertThat(textOut)
                .contains("job.log (job build (windows-latest)): 1 installer permission error")
                .contains("line 58: access-denied (pip-self-upgrade)");
        assertThat(json).isZero();
        JsonNode finding =
                new ObjectMapper().readTree(out.toString()).path("findings").get(0);
        assertThat(finding.path("job").asText()).isEqualTo("build (windows-latest)");
        assertThat(finding.path("line").asLong()).isEqualTo(58);
        assertThat(finding.path("cause").asText()).isEqualTo("pip-self-upgrade");
        assertThat(finding.has("log")).isFalse();
    }

    @Test
    void a_runs_log_zip_and_several_files_at_once_name_the_job_and_the_file_of_each_finding() throws Exception {
        Path zip = Files.write(
                dir.resolve("logs_680634037.zip"),
                SavedForms.runLogArchive("build (windows-latest)", Fixtures.text(WINDOWS), true));

        int status = analyze(zip.toString(), file("corpus/negative/npm-eacces.log"), "--format", "json");

        assertThat(status).isZero();
        JsonNode findings = new ObjectMapper().readTree(out.toString()).path("findings");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).path("job").asText()).isEqualTo("build (windows-latest)");
        assertThat(findings.get(0).path("log").asText()).isEqualTo(zip.toString());
        assertThat(findings.get(0).path("kind").asText()).isEqualTo("access-denied");
    }

    @Test
    void markdown_without_a_finding_prints_nothing_and_says_so_with_exit_0() throws Exception {
        int status = analyze(file("corpus/negative/npm-eacces.log"), "--format", "markdown");

        assertThat(status).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("no installer permission error found, so there is no comment");
    }

    @Test
    void an_unknown_command_is_usage_error_2_and_help_is_0() {
        assertThat(Main.run(
                        new String[] {"analyse"},
                        InputStream.nullInputStream(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true)))
                .isEqualTo(2);
        assertThat(Main.run(
                        new String[] {"analyze", "--help"},
                        InputStream.nullInputStream(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true)))
                .isZero();

        assertThat(err.toString()).contains("unknown command 'analyse'");
        assertThat(out.toString()).contains("java -jar pipfix.jar analyze LOG");
    }

    @Test
    void with_a_patch_the_fix_line_says_what_the_patch_does() throws Exception {
        // given a PEP 668 refusal of pip installing an application, and its workflow: the patch installs it with pipx
        String dir = "workflows/pip-install-poetry-macos-pep668/";
        String log = file(dir + "job.log");
        Path workflow = this.dir.resolve("ci.yml");
        Files.writeString(workflow, Fixtures.text(dir + "ci.yml"));

        // when
        int status = analyze(log, "--workflow", workflow.toString());

        // then the fix line names pipx, as the patch below it does, not the cause's virtual environment
        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("fix:      Install the applications with pipx (the patch below).")
                .contains("+      - run: pipx install poetry");
    }

    private int analyze(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "analyze";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(all, InputStream.nullInputStream(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String file(String fixture) throws Exception {
        Path path = dir.resolve(Path.of(fixture).getFileName());
        Files.write(path, Fixtures.text(fixture).getBytes(StandardCharsets.UTF_8));
        return path.toString();
    }
}
