package dev.pipfix.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A raw job log as a user would also save it: as {@code gh run view --log} writes it ({@code JOB<TAB>STEP<TAB>LINE}),
 * and inside a run's log archive (a top-level {@code N_JOB.txt} with the whole log, and a folder {@code JOB/} with a
 * {@code N_STEP.txt} per step). Steps are cut where the runner's {@code ##[group]Run} headers are and named as the
 * workflow's author might have named them ({@code Step 2}, {@code Step 3}, ...: not the header's {@code Run <first
 * line>}, so that a test sees which of the two a finding got); the lines before the first are {@code Set up job}.
 */
public final class SavedForms {

    private static final Pattern HEADER = Pattern.compile("^\uFEFF?(?:\\S+Z )?##\\[group\\](Run .*)$");

    private SavedForms() {}

    /** One step of the job: its name, and its lines with their line ends. */
    public record Step(String name, List<String> lines) {}

    /** The job's steps in order; two steps may have the same name, as two steps echoing the same line do. */
    public static List<Step> steps(String rawLog) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Set up job", new ArrayList<>()));
        for (String line : rawLog.split("(?<=\n)")) {
            Matcher header = HEADER.matcher(line.stripTrailing());
            if (header.matches()) {
                steps.add(new Step("Step " + (steps.size() + 1), new ArrayList<>()));
            }
            steps.get(steps.size() - 1).lines().add(line);
        }
        return steps.stream().filter(step -> !step.lines().isEmpty()).toList();
    }

    /** {@code gh run view --log} of one job; {@code unknownSteps} writes {@code UNKNOWN STEP} as newer logs get. */
    public static String ghRunView(String job, String rawLog, boolean unknownSteps) {
        StringBuilder out = new StringBuilder();
        for (Step step : steps(rawLog)) {
            for (String line : step.lines()) {
                out.append(job)
                        .append('\t')
                        .append(unknownSteps ? "UNKNOWN STEP" : step.name())
                        .append('\t')
                        .append(line.startsWith("\uFEFF") ? line.substring(1) : line);
            }
        }
        return out.toString();
    }

    /** A run's log archive with one job; {@code wholeLog} false leaves out the top-level file (steps only). */
    public static byte[] runLogArchive(String job, String rawLog, boolean wholeLog) {
        return runLogArchive(job, rawLog, wholeLog, true);
    }

    /**
     * @param stepFiles whether the archive has a folder of step files for the job: since late October 2026 some have
     *                  only the job's file
     */
    public static byte[] runLogArchive(String job, String rawLog, boolean wholeLog, boolean stepFiles) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (wholeLog) {
                zip.putNextEntry(new ZipEntry("0_" + job + ".txt"));
                zip.write(rawLog.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            int number = 1;
            for (Step step : stepFiles ? steps(rawLog) : List.<Step>of()) {
                // the archive's names are sanitised: a slash in a step's name would make a folder
                zip.putNextEntry(
                        new ZipEntry(job + "/" + number++ + "_" + step.name().replace('/', '_') + ".txt"));
                zip.write(String.join("", step.lines()).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
