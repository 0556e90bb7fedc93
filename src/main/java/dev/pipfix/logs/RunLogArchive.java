package dev.pipfix.logs;

import dev.pipfix.diagnosis.Diagnosis;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.diagnosis.LogDetector;
import dev.pipfix.diagnosis.NotALogException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A run's log archive ({@code GET /repos/{o}/{r}/actions/runs/{id}/logs}, or "Download log archive" on the run's
 * page): a zip with a file {@code N_JOB NAME.txt} per job (its whole log, as the App reads it) and a folder
 * {@code JOB NAME/} of {@code N_STEP NAME.txt} files per job. Each job's whole log is scanned as a log of its own; a
 * job that has only its step files is scanned step by step, each finding in the step its file names. The names have
 * changed over time, so only the shape is relied on: a number, an underscore, the name.
 */
final class RunLogArchive {

    /** A run has at most 256 jobs of a few dozen steps; more entries than this is not a log archive. */
    private static final int MAX_ENTRIES = 20_000;

    private static final Pattern NUMBERED = Pattern.compile("(?:\\d+_)?(.+?)(?:\\.txt)?");

    private RunLogArchive() {}

    static List<JobDiagnosis> scan(InputStream zip, LogDetector detector) throws IOException {
        Map<String, Diagnosis> wholeJobs = new LinkedHashMap<>();
        Map<String, List<Finding>> fromSteps = new LinkedHashMap<>();
        Map<String, long[]> stepTotals = new LinkedHashMap<>();
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new NotALogException("the archive holds over " + MAX_ENTRIES + " files; not a run's logs");
                }
                if (entry.isDirectory() || !entry.getName().endsWith(".txt")) {
                    continue;
                }
                String[] parts = entry.getName().split("/");
                Diagnosis diagnosis = detector.scan(new FilterInputStream(in) {
                    @Override
                    public void close() {
                        // the next entry follows in the same stream
                    }
                });
                if (parts.length == 1) {
                    wholeJobs.put(name(parts[0]), diagnosis);
                } else {
                    String job = name(parts[parts.length - 2]);
                    String step = name(parts[parts.length - 1]);
                    List<Finding> findings = fromSteps.computeIfAbsent(job, j -> new ArrayList<>());
                    diagnosis.findings().forEach(finding -> findings.add(finding.withStep(step)));
                    long[] totals = stepTotals.computeIfAbsent(job, j -> new long[2]);
                    totals[0] += diagnosis.lines();
                    totals[1] += diagnosis.bytes();
                }
            }
        }
        if (wholeJobs.isEmpty() && fromSteps.isEmpty()) {
            throw new NotALogException(
                    entries == 0
                            ? "the zip is empty"
                            : "the zip holds no .txt job logs, so it is not a run's log archive");
        }
        List<JobDiagnosis> jobs = new ArrayList<>();
        wholeJobs.forEach((job, diagnosis) -> jobs.add(new JobDiagnosis(Optional.of(job), diagnosis)));
        fromSteps.forEach((job, findings) -> {
            if (!wholeJobs.containsKey(job)) {
                // each step file was read alone: as in a whole log, a failed step's findings outrank the others'
                List<Finding> failed =
                        findings.stream().filter(Finding::stepFailed).toList();
                long[] totals = stepTotals.get(job);
                jobs.add(new JobDiagnosis(
                        Optional.of(job), new Diagnosis(failed.isEmpty() ? findings : failed, totals[0], totals[1])));
            }
        });
        return jobs;
    }

    /** {@code 3_Install dependencies.txt} is {@code Install dependencies}. */
    private static String name(String fileName) {
        Matcher matcher = NUMBERED.matcher(fileName);
        return matcher.matches() ? matcher.group(1) : fileName;
    }
}
