package dev.pipfix.diagnosis;

import dev.pipfix.runner.RunnerOs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The candidates a log gives, held within bounds while it is read, and settled into findings at its end: the command
 * and the cause of each, one finding per kind and cause in a step.
 */
final class Findings {

    /**
     * Candidates held at once, and per step. A step that fails 30 times the same way gives one finding that counts
     * them; a log whose early steps print errors and pass must not crowd out the failing step's: once the bound is
     * reached, a candidate of a finished step that did not fail makes room.
     */
    private static final int MAX_CANDIDATES = 200;

    private static final int MAX_PER_STEP = 50;
    /** Findings reported, after grouping: far more than a comment shows. */
    private static final int MAX_FINDINGS = 20;

    private final List<Candidate> candidates = new ArrayList<>();

    /**
     * A candidate, or the one the step already has for the same kind and path.
     *
     * @param current the step being read, whose candidates may not be dropped to make room
     */
    Candidate record(
            Kind kind, long number, Step step, Step current, String path, String command, List<String> evidence) {
        for (Candidate earlier : candidates) {
            if (earlier.kind == kind && earlier.step == step && same(earlier.path, path)) {
                return earlier;
            }
        }
        Candidate candidate = new Candidate(kind, number, step, path, command);
        evidence.forEach(line -> candidate.evidence.add(Candidate.capped(line)));
        if (step != null && step.candidates >= MAX_PER_STEP) {
            step.unkept++;
            return candidate;
        }
        if (candidates.size() >= MAX_CANDIDATES && !makeRoom(current)) {
            return candidate;
        }
        candidates.add(candidate);
        if (step != null) {
            step.candidates++;
        }
        return candidate;
    }

    /** Drops the latest candidate of a finished step that did not fail; false when every one may still matter. */
    private boolean makeRoom(Step current) {
        for (int i = candidates.size() - 1; i >= 0; i--) {
            Step of = candidates.get(i).step;
            if (of != null && of != current && !of.failed) {
                candidates.remove(i);
                of.candidates--;
                return true;
            }
        }
        return false;
    }

    /** The pathless errors of pip's {@code Command errored out} block came from a build in the source tree. */
    void buildingInSourceSince(long blockLine) {
        if (blockLine < 0) {
            return;
        }
        for (Candidate c : candidates) {
            if (c.line >= blockLine && c.path == null) {
                c.buildingInSource = true;
            }
        }
    }

    /**
     * The findings, keeping only those of failed steps when the log shows which steps failed, one per kind and cause
     * in a step (the first, counting the others).
     *
     * @param imageOs the runner image the log names, if any
     */
    List<Finding> finish(List<Step> steps, RunnerOs imageOs) {
        boolean failuresKnown = steps.stream().anyMatch(s -> s.failed);
        Map<List<Object>, Integer> grouped = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Candidate c : candidates) {
            if (failuresKnown && c.step != null && !c.step.failed) {
                continue;
            }
            String command = c.command != null
                    ? c.command
                    : c.step != null ? PipCommands.choose(c.step.script(), c.path, c.installer) : null;
            RunnerOs os = osOf(c, imageOs);
            Cause classified = c.statedCause.orElseGet(() -> Causes.classify(
                    c.kind,
                    c.installer,
                    c.path,
                    command,
                    os,
                    c.step != null && c.step.cacheNotWritable,
                    c.buildingInSource));
            // nothing in the failing step explains it, but an earlier one ran pip as root
            Cause cause = classified == Cause.UNKNOWN && c.step != null && c.step.afterSudoPip
                    ? Cause.EARLIER_SUDO_PIP
                    : classified;
            // a step's candidates are all of one log, so the step object itself tells steps apart
            List<Object> key = Arrays.asList(c.kind, cause, c.step == null ? "" : c.step);
            Integer at = grouped.get(key);
            if (at != null) {
                findings.set(at, findings.get(at).withMoreOccurrences(1));
                continue;
            }
            if (findings.size() >= MAX_FINDINGS) {
                continue;
            }
            grouped.put(key, findings.size());
            findings.add(new Finding(
                    c.kind,
                    cause,
                    c.line,
                    c.step == null ? null : c.step.name,
                    c.step == null ? 0 : c.line - c.step.headerLine + 1,
                    c.step != null && c.step.failed,
                    command,
                    c.step == null ? List.of() : c.step.script(),
                    c.path,
                    os,
                    c.evidence,
                    1,
                    c.installer));
        }
        // errors a step printed past its share were not kept; they count for the step's first finding
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            for (Candidate c : candidates) {
                if (c.line == finding.line() && c.step != null && c.step.unkept > 0) {
                    findings.set(i, finding.withMoreOccurrences(c.step.unkept));
                    c.step.unkept = 0;
                    break;
                }
            }
        }
        return findings;
    }

    private static RunnerOs osOf(Candidate c, RunnerOs imageOs) {
        if (imageOs != RunnerOs.UNKNOWN) {
            return imageOs;
        }
        if (c.path != null) {
            String p = Causes.normalise(c.path);
            if (p.matches("^[a-z]:/.*")) {
                return RunnerOs.WINDOWS;
            }
            if (p.startsWith("/users/")
                    || p.startsWith("/library/")
                    || p.startsWith("/system/")
                    || p.startsWith("/opt/homebrew/")) {
                return RunnerOs.MACOS;
            }
        }
        String shell = c.step == null || c.step.shell == null ? "" : c.step.shell.toLowerCase(Locale.ROOT);
        if (shell.contains("pwsh.exe")
                || shell.contains("powershell.exe")
                || shell.contains("cmd.exe")
                || shell.contains("c:\\")) {
            return RunnerOs.WINDOWS;
        }
        if (c.kind == Kind.EXTERNALLY_MANAGED_ENVIRONMENT) {
            String detail = String.join(" ", c.evidence);
            if (detail.contains("brew install")) {
                return RunnerOs.MACOS;
            }
        }
        if (c.path != null && c.path.startsWith("/") || !shell.isEmpty()) {
            return RunnerOs.LINUX;
        }
        return RunnerOs.UNKNOWN;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
