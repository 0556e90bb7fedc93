package dev.pipfix.logs;

import dev.pipfix.diagnosis.Diagnosis;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.LogDetector;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every form a user saves a GitHub Actions log in, read as the job logs it holds: one job's log (raw, as downloaded,
 * or copied from the web page), the output of {@code gh run view --log} or {@code --log-failed} (one section per
 * job), or a run's log archive (a zip). Each job's log goes through the engine as the App would read it, so the
 * findings are the same whichever form the log came in; the form only adds the job's name, and for {@code gh}'s
 * output the step's.
 */
public final class SavedLogs {

    /** {@code JOB<TAB>STEP<TAB>} then a raw line's timestamp: how {@code gh run view --log} writes every line. */
    private static final Pattern GH_LINE = Pattern.compile(
            "\uFEFF?[^\t\r\n]{1,1000}\t[^\t\r\n]{1,1000}\t\uFEFF?\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z.*",
            Pattern.DOTALL);

    private static final int PEEK_BYTES = 4096;

    private SavedLogs() {}

    /** The form a saved log is in, from its first bytes. */
    public enum Form {
        JOB_LOG,
        GH_RUN_VIEW,
        RUN_LOG_ARCHIVE
    }

    /**
     * @throws dev.pipfix.diagnosis.NotALogException when the bytes are not a log in any of the forms
     */
    public static List<JobDiagnosis> scan(InputStream saved, LogDetector detector) throws IOException {
        BufferedInputStream in = new BufferedInputStream(saved, 64 * 1024);
        return switch (formOf(in)) {
            case RUN_LOG_ARCHIVE -> RunLogArchive.scan(in, detector);
            case GH_RUN_VIEW -> ghRunView(in, detector);
            case JOB_LOG -> List.of(new JobDiagnosis(Optional.empty(), detector.scan(in)));
        };
    }

    static Form formOf(BufferedInputStream in) throws IOException {
        in.mark(PEEK_BYTES);
        byte[] start = in.readNBytes(PEEK_BYTES);
        in.reset();
        if (start.length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4) {
            return Form.RUN_LOG_ARCHIVE;
        }
        int end = 0;
        while (end < start.length && start[end] != '\n') {
            end++;
        }
        String firstLine = new String(Arrays.copyOf(start, end), StandardCharsets.UTF_8);
        return GH_LINE.matcher(firstLine).matches() ? Form.GH_RUN_VIEW : Form.JOB_LOG;
    }

    private static List<JobDiagnosis> ghRunView(InputStream in, LogDetector detector) throws IOException {
        GhRunLog log = new GhRunLog(in);
        List<JobDiagnosis> jobs = new ArrayList<>();
        for (Optional<GhRunLog.Section> section = log.next(); section.isPresent(); section = log.next()) {
            GhRunLog.Section job = section.get();
            Diagnosis diagnosis = detector.scan(job);
            // the rest of a section the engine stopped reading (a capped log) must not leak into the next job
            job.transferTo(OutputStream.nullOutputStream());
            List<Finding> findings = diagnosis.findings().stream()
                    .map(finding ->
                            job.stepAt(finding.line()).map(finding::withStep).orElse(finding))
                    .toList();
            jobs.add(new JobDiagnosis(
                    Optional.of(job.job()), new Diagnosis(findings, diagnosis.lines(), diagnosis.bytes())));
        }
        return jobs;
    }
}
