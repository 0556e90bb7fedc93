package dev.pipfix.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.LogScanner;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.SavedForms;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same findings whichever form a log was saved in: raw, {@code gh run view} output, or a run's log archive. */
class SavedLogsTest {

    private static final Pattern TIMESTAMPED = Pattern.compile("\uFEFF?\\d{4}-\\d{2}-\\d{2}T\\d{2}:");
    private static final String JOB = "test (ubuntu-latest, 3.12)";

    private final LogScanner engine = new LogScanner();

    /** Every raw GitHub log of the corpus, positive and negative. */
    static Stream<String> rawGitHubLogs() throws IOException, URISyntaxException {
        Path corpus = Path.of(SavedLogsTest.class.getResource("/corpus").toURI());
        try (Stream<Path> files = Files.walk(corpus)) {
            return files
                    .filter(p -> p.toString().endsWith(".log"))
                    .map(p -> corpus.relativize(p).toString())
                    .filter(p -> TIMESTAMPED.matcher(Fixtures.corpusLog(p)).lookingAt())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private List<JobDiagnosis> scan(byte[] saved) throws IOException {
        return SavedLogs.scan(new ByteArrayInputStream(saved), engine);
    }

    private List<Finding> raw(String log) throws IOException {
        List<JobDiagnosis> jobs = scan(log.getBytes(StandardCharsets.UTF_8));
        assertThat(jobs).singleElement().satisfies(job -> assertThat(job.job()).isEmpty());
        return jobs.get(0).diagnosis().findings();
    }

    private static List<String> kindCauseLine(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.kind().id() + " " + f.cause().id() + " line " + f.line() + " " + f.evidence())
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rawGitHubLogs")
    void gh_run_view_output_gives_the_raw_logs_findings_in_the_steps_its_column_names(String path) throws Exception {
        // given a raw log, and the same job as gh run view --log writes it
        String log = Fixtures.corpusLog(path);
        List<Finding> raw = raw(log);

        // when
        List<JobDiagnosis> jobs = scan(SavedForms.ghRunView(JOB, log, false).getBytes(StandardCharsets.UTF_8));
        List<JobDiagnosis> unknownSteps =
                scan(SavedForms.ghRunView(JOB, log, true).getBytes(StandardCharsets.UTF_8));

        // then one job, named, with the same findings; the step is the column's, or the log's own when gh could not say
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.job()).contains(JOB);
            assertThat(kindCauseLine(job.diagnosis().findings())).isEqualTo(kindCauseLine(raw));
            for (Finding finding : job.diagnosis().findings()) {
                assertThat(finding.step()).isEqualTo(stepOfLine(log, finding.line()));
            }
        });
        assertThat(unknownSteps)
                .singleElement()
                .satisfies(job -> assertThat(job.diagnosis().findings()).isEqualTo(raw));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rawGitHubLogs")
    void a_runs_log_archive_gives_the_raw_logs_findings_for_the_job_it_names(String path) throws Exception {
        String log = Fixtures.corpusLog(path);
        List<Finding> raw = raw(log);

        List<JobDiagnosis> jobs = scan(SavedForms.runLogArchive(JOB, log, true));

        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.job()).contains(JOB);
            assertThat(job.diagnosis().findings()).isEqualTo(raw);
        });
    }

    @Test
    void an_archive_with_one_file_per_job_and_no_step_files_takes_the_step_from_the_logs_own_headers()
            throws Exception {
        // given an archive as some runs have had since late October 2026: the job's file alone
        String log = Fixtures.log("linux-self-hosted-user-site-errno13.log");

        // when
        List<JobDiagnosis> jobs = scan(SavedForms.runLogArchive(JOB, log, true, false));

        // then the raw log's finding, in the step its ##[group]Run header names, with the command it echoed
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.job()).contains(JOB);
            assertThat(job.diagnosis().findings()).isEqualTo(raw(log));
            assertThat(job.diagnosis().findings()).singleElement().satisfies(finding -> {
                assertThat(finding.step()).isEqualTo("Run pip install -r requirements.txt");
                assertThat(finding.command()).isEqualTo("pip install -r requirements.txt");
            });
        });
    }

    @Test
    void an_archive_with_only_step_files_names_the_step_of_each_file() throws Exception {
        String log = Fixtures.log("linux-self-hosted-user-site-errno13.log");

        List<JobDiagnosis> jobs = scan(SavedForms.runLogArchive(JOB, log, false));

        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.job()).contains(JOB);
            assertThat(job.diagnosis().findings()).singleElement().satisfies(finding -> {
                assertThat(finding.kind().id()).isEqualTo("permission-denied");
                assertThat(finding.step()).isEqualTo("Step 3");
            });
        });
    }

    @Test
    void gh_output_of_two_jobs_gives_each_job_its_own_findings_with_lines_counted_in_the_job() throws Exception {
        String failing = Fixtures.log("linux-self-hosted-user-site-errno13.log");
        String other = Fixtures.log("linux-pytest-failure-no-pip-error.log");
        String both = SavedForms.ghRunView("lint", other, false) + SavedForms.ghRunView(JOB, failing, false);

        List<JobDiagnosis> jobs = scan(both.getBytes(StandardCharsets.UTF_8));

        assertThat(jobs).extracting(JobDiagnosis::job).containsExactly(Optional.of("lint"), Optional.of(JOB));
        assertThat(jobs.get(0).diagnosis().findings()).isEmpty();
        assertThat(kindCauseLine(jobs.get(1).diagnosis().findings())).isEqualTo(kindCauseLine(raw(failing)));
    }

    @Test
    void a_raw_log_whose_first_line_has_tabs_is_still_a_raw_log() throws Exception {
        String log = "2026-11-20T09:14:02.1234567Z a\tb\tc\n" + Fixtures.log("linux-self-hosted-user-site-errno13.log");

        assertThat(SavedLogs.formOf(new java.io.BufferedInputStream(
                        new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo(SavedLogs.Form.JOB_LOG);
        assertThat(raw(log)).hasSize(1);
    }

    @Test
    void an_edited_gh_file_with_a_line_without_columns_keeps_the_line_in_its_job() throws Exception {
        String log = Fixtures.log("linux-self-hosted-user-site-errno13.log");
        String gh = SavedForms.ghRunView(JOB, log, false);
        int cut = gh.indexOf('\n') + 1;
        String edited = gh.substring(0, cut) + "a note someone pasted in\n" + gh.substring(cut);

        List<JobDiagnosis> jobs = scan(edited.getBytes(StandardCharsets.UTF_8));

        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.diagnosis().lines())
                    .isEqualTo(raw(log).isEmpty() ? 0 : log.lines().count() + 1);
            assertThat(job.diagnosis().findings()).hasSize(1);
        });
    }

    @Test
    void a_gh_line_of_megabytes_streams_through_and_the_error_after_it_is_found() throws Exception {
        String log = Fixtures.log("linux-self-hosted-user-site-errno13.log");
        int cut = log.indexOf("##[group]Run pip install");
        String huge =
                log.substring(0, cut) + log.substring(0, 30) + "x".repeat(8 * 1024 * 1024) + "\n" + log.substring(cut);

        List<JobDiagnosis> jobs = scan(SavedForms.ghRunView(JOB, huge, false).getBytes(StandardCharsets.UTF_8));

        assertThat(jobs)
                .singleElement()
                .satisfies(job -> assertThat(job.diagnosis().findings())
                        .singleElement()
                        .satisfies(f -> assertThat(f.kind().id()).isEqualTo("permission-denied")));
    }

    @Test
    void a_zip_without_job_logs_is_refused_with_the_reason() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("dist/octo-1.0.tar.gz"));
            zip.write(new byte[] {0x1f, (byte) 0x8b, 8, 0});
            zip.closeEntry();
        }

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scan(bytes.toByteArray()))
                .isInstanceOf(dev.pipfix.diagnosis.NotALogException.class)
                .hasMessageContaining("no .txt job logs");
    }

    /** The step SavedForms put a line in: the name gh's column gives it. */
    private static String stepOfLine(String log, long line) {
        long seen = 0;
        for (SavedForms.Step step : SavedForms.steps(log)) {
            seen += step.lines().size();
            if (seen >= line) {
                return step.name();
            }
        }
        throw new AssertionError("no line " + line);
    }
}
