package dev.pipfix.diagnosis;

import dev.pipfix.runner.RunnerOs;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every installer's rules share about where a line stands: the step it belongs to (and the steps before), the
 * command a trace shows running, whether it is inside a Python traceback and whose code that traceback runs through,
 * and whether pip is building a package ({@code Command errored out}, {@code Running setup.py install}). Rules record
 * their candidates here, against the current step.
 */
final class LogContext {

    /** How far into a traceback its frames and its final line may come. */
    static final int TRACEBACK_REACH = 400;
    /** How far below pip's build block or {@code setup.py install} its errors may come. */
    static final int BUILD_REACH = 400;
    /** A traceback's frame line: a path (at most a few hundred characters), a line number, a function. */
    private static final int MAX_FRAME_CHARS = 2_048;

    private static final Pattern JENKINS_STAGE = Pattern.compile("^\\[Pipeline\\] \\{ \\((.+)\\)$");
    private static final Pattern BUILDKIT_RUN = Pattern.compile("^\\[[^\\]]{1,60}\\] RUN (.+)$");
    /** The legacy builder's {@code Step 5/9 : RUN pip install ...}. */
    private static final Pattern LEGACY_DOCKER_RUN = Pattern.compile("^Step \\d{1,4}/\\d{1,4} : RUN (.+)$");

    private static final Pattern CACHE_WARNING =
            Pattern.compile("^WARNING: The directory '.*' or its parent directory is not owned .*|"
                    + "^The directory '.*' or its parent directory is not owned .*");
    /** A script line running uv or uvx. */
    private static final Pattern RUNS_UV = Pattern.compile("(?:^|[\\s;&|(])uvx?\\s");
    /** A script line running Poetry's installer. */
    private static final Pattern RUNS_POETRY =
            Pattern.compile("(?:^|[\\s;&|(])poetry\\s+(?:install|add|sync|update)\\b");

    private final Findings findings = new Findings();
    private final List<Step> steps = new ArrayList<>();
    private final Runnable onStep;
    private Step step;
    /** A pip command traced before any step began (a log that is not GitHub's). */
    private String tracedCommand;
    /** A raw job log: only its own markers start steps and mark failures, not a tool's "Run ..." or "Error: ...". */
    boolean rawGitHubLog;

    RunnerOs imageOs = RunnerOs.UNKNOWN;

    private long tracebackLine = -1;
    private boolean pipTraceback;
    /** The traceback runs through pipx's code. */
    private boolean pipxTraceback;

    private long pipExceptionLine = -1;
    private long setupPyLine = -1;
    /** pip's {@code Command errored out} (or {@code subprocess-exited-with-error}) block. */
    private long commandErroredLine = -1;
    /** The last {@code set -x} trace and its line: what an {@code echo} prints is not a failure. */
    private String lastTrace = "";

    private long lastTraceLine = -1;
    /**
     * An OS error ending a traceback through code that is no installer's (logging's), kept in case the next
     * traceback, of which it was the direct cause, runs through pip's or pipx's code.
     */
    private PendingCause pendingCause;

    /** @param onStep told when a step begins, for the rules to end their blocks */
    LogContext(Runnable onStep) {
        this.onStep = onStep;
    }

    Step step() {
        return step;
    }

    void startStep(String name, long number) {
        boolean sudoPipBefore = step != null && (step.afterSudoPip || step.ranSudoPip());
        step = new Step(PipCommands.capped(name), number);
        step.afterSudoPip = sudoPipBefore;
        steps.add(step);
        tracebackLine = -1;
        pipTraceback = false;
        pipxTraceback = false;
        pipExceptionLine = -1;
        setupPyLine = -1;
        pendingCause = null;
        onStep.run();
    }

    void markFailed() {
        if (step != null) {
            step.failed = true;
        }
    }

    /** Step boundaries and failures of other framings, traced commands, tracebacks and pip's build blocks. */
    void read(OutputLine line) {
        String content = line.content;
        long number = line.number;
        if (content.startsWith("Error: ") && !rawGitHubLog) {
            markFailed();
        } else if (content.startsWith("ERROR: script returned exit code")
                || content.startsWith("ERROR: failed to solve:")
                || content.startsWith("ERROR: process \"") && content.contains("did not complete successfully")) {
            markFailed();
        }
        if (content.startsWith("[Pipeline] {")) {
            Matcher stage = JENKINS_STAGE.matcher(content);
            if (stage.matches()) {
                startStep(stage.group(1), number);
                return;
            }
        }
        Matcher run = content.startsWith("[")
                ? BUILDKIT_RUN.matcher(content)
                : content.startsWith("Step ") ? LEGACY_DOCKER_RUN.matcher(content) : null;
        if (run != null && run.matches()) {
            traced(run.group(1), number);
        } else if (content.startsWith("[command]")) {
            traced(content.substring("[command]".length()), number);
        } else if (content.startsWith("+ ")) {
            traced(content.substring(2), number);
            lastTrace = PipCommands.capped(content.substring(2));
            lastTraceLine = number;
        } else if (content.startsWith("Running setup.py install for ")) {
            setupPyLine = number;
        } else if (content.startsWith("ERROR: Command errored out with exit status")
                || content.startsWith("error: subprocess-exited-with-error")
                || content.startsWith("× python setup.py ")) {
            // the block opens bare; its last line (or pip 21.3's "×" line) names the command: egg_info or develop
            // means the package was building in its own source tree
            if (content.matches("^(?:ERROR: Command errored out with exit status \\d+: |× python setup\\.py ).*")) {
                if (content.matches(".*\\b(?:egg_info|develop)\\b.*")) {
                    findings.buildingInSourceSince(commandErroredLine);
                }
            } else {
                commandErroredLine = number;
            }
        } else if (content.equals("Exception:") || content.equals("ERROR: Exception:")) {
            pipExceptionLine = number;
        } else if (content.startsWith("Traceback (most recent call last)")) {
            tracebackLine = number;
            pipTraceback = pipExceptionLine >= 0 && number - pipExceptionLine <= 3;
            pipxTraceback = false;
        } else if (content.startsWith("The above exception was the direct cause of the following exception")
                || content.startsWith("During handling of the above exception, another exception occurred")) {
            if (pendingCause != null) {
                pendingCause = pendingCause.chainedAt(number);
            }
        } else if (content.startsWith("File \"")) {
            // a frame names a file, a line and a function: a longer line is no frame
            if (content.length() <= MAX_FRAME_CHARS && within(tracebackLine, number, TRACEBACK_REACH)) {
                if (TracebackFrames.isPipFrame(content)) {
                    pipTraceback = true;
                    causedThrough(number, Installer.PIP);
                } else if (TracebackFrames.isPipxFrame(content)) {
                    pipxTraceback = true;
                    causedThrough(number, Installer.PIPX);
                }
            }
        } else if (step != null
                && content.contains("The directory '")
                && CACHE_WARNING.matcher(content).matches()) {
            step.cacheNotWritable = true;
        }
    }

    /** Inside a traceback whose frames run through pip's code (or that pip's {@code Exception:} opened). */
    boolean inPipTraceback(long number) {
        return pipTraceback
                && (within(tracebackLine, number, TRACEBACK_REACH)
                        || within(pipExceptionLine, number, TRACEBACK_REACH));
    }

    /** Inside a traceback whose frames run through pipx's code. */
    boolean inPipxTraceback(long number) {
        return pipxTraceback && within(tracebackLine, number, TRACEBACK_REACH);
    }

    boolean inTraceback(long number) {
        return within(tracebackLine, number, TRACEBACK_REACH);
    }

    /** Under pip's {@code Command errored out} block: a package's build that pip ran. */
    boolean inBuildBlock(long number) {
        return within(commandErroredLine, number, BUILD_REACH);
    }

    /** Under pip's {@code Running setup.py install for X}. */
    boolean inSetupPyInstall(long number) {
        return within(setupPyLine, number, BUILD_REACH);
    }

    /**
     * The line is what the traced {@code echo} or {@code printf} just before it printed (a script quoting pip's
     * words), not a command's failure.
     */
    boolean echoed(OutputLine line) {
        if (!within(lastTraceLine, line.number, 2)
                || !(lastTrace.startsWith("echo ") || lastTrace.startsWith("printf "))
                || line.content.isEmpty()) {
            return false;
        }
        String content = line.content;
        return lastTrace.contains(content.length() <= 60 ? content : content.substring(0, 60));
    }

    /**
     * A line no installer's rules claimed: an OS error ending a traceback is kept, in case the traceback it was the
     * direct cause of runs through an installer's code.
     */
    void unclaimed(OutputLine line) {
        if (inTraceback(line.number)) {
            line.exceptionError().ifPresent(code -> pendingCause = new PendingCause(code, line, -1));
        }
    }

    /**
     * A frame of pip's or pipx's code in the traceback an OS error was the direct cause of: the error is the
     * installer's after all (pipx's log file in a root-owned home fails its logging set-up so).
     */
    private void causedThrough(long number, Installer installer) {
        if (pendingCause == null
                || pendingCause.chainedAt() < 0
                || !within(pendingCause.line().number, number, TRACEBACK_REACH)) {
            return;
        }
        PendingCause cause = pendingCause;
        pendingCause = null;
        record(cause.code(), cause.line(), List.of(cause.line().content)).installer = installer;
    }

    boolean runsPoetry() {
        return step != null && step.scriptRuns(RUNS_POETRY);
    }

    boolean runsUv() {
        if (step == null) {
            return tracedCommand != null && RUNS_UV.matcher(tracedCommand).find();
        }
        return step.scriptRuns(RUNS_UV)
                || step.tracedCommand != null
                        && RUNS_UV.matcher(step.tracedCommand).find();
    }

    /** A candidate for the error on this line, its path read after the code. */
    Candidate record(ErrorCode code, OutputLine line, List<String> evidence) {
        return record(code.kind(), line.number, line.pathAfter(code), evidence);
    }

    Candidate record(Kind kind, long number, String path, List<String> evidence) {
        return findings.record(kind, number, step, step, path, tracedCommandFor(number), evidence);
    }

    List<Finding> finish() {
        return findings.finish(steps, imageOs);
    }

    private String tracedCommandFor(long number) {
        if (step != null) {
            return step.tracedCommand != null && step.tracedCommandLine < number ? step.tracedCommand : null;
        }
        return tracedCommand;
    }

    private void traced(String command, long number) {
        if (!PipCommands.isPipInstall(command)) {
            return;
        }
        String capped = PipCommands.capped(command);
        if (step != null) {
            step.tracedCommand = capped;
            step.tracedCommandLine = number;
        } else {
            tracedCommand = capped;
        }
    }

    static boolean within(long start, long number, int reach) {
        return start >= 0 && number - start <= reach;
    }

    /** An OS error in a traceback of no installer's, and where the chain to the next traceback was announced. */
    private record PendingCause(ErrorCode code, OutputLine line, long chainedAt) {
        PendingCause chainedAt(long number) {
            return new PendingCause(code, line, number);
        }
    }
}
