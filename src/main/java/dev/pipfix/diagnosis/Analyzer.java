package dev.pipfix.diagnosis;

import dev.pipfix.runner.RunnerOs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules, applied to the lines the scanner hands over (those whose start or brackets may matter), in log order.
 * It follows the steps, notes where pip is running, and records each pip error of the permission family. A bare
 * {@code [Errno 13]} counts only where pip is known to be the one failing: on pip's own headline, below it, in a
 * traceback through pip's code, or under {@code Running setup.py install}. When unsure, it stays silent.
 */
final class Analyzer {

    /**
     * Candidates held at once, and per step. A step that fails 30 times the same way gives one finding that counts
     * them; a log whose early steps print errors and pass must not crowd out the failing step's: once the bound is
     * reached, a candidate of a finished step that did not fail makes room.
     */
    private static final int MAX_CANDIDATES = 200;

    private static final int MAX_PER_STEP = 50;
    /** Findings reported, after grouping: far more than a comment shows. */
    private static final int MAX_FINDINGS = 20;

    private static final int MAX_EVIDENCE_LINES = 4;
    private static final int MAX_EVIDENCE_CHARS = 2_000;
    /** How far below pip's headline its errno or traceback may come. */
    private static final int HEADLINE_REACH = 60;

    private static final int TRACEBACK_REACH = 400;
    private static final int SETUP_PY_REACH = 400;
    /** How many lines a wrapped tuple list may run on for before its first error code. */
    private static final int TUPLE_REACH = 20;

    private static final Pattern HEADLINE =
            Pattern.compile("^(?:ERROR: )?Could not install packages due to an? (?:OSError|EnvironmentError)(.*)$");
    /** pip's headline soft-wrapped before the exception's name, which then opens the next line. */
    private static final Pattern HEADLINE_WRAPPED =
            Pattern.compile("^(?:ERROR: )?Could not install packages due to an?$");
    /** pip's refusal of a user install (pip 25.3 added the second reason). */
    private static final Pattern USER_REFUSED = Pattern.compile("^(?:ERROR: )?Can not perform a '--user' install\\. "
            + "User site-packages are (?:not visible in this virtualenv|disabled for this Python)\\.");
    /** pip 20 to 23.0, and Debian's pip 24.0: the one-line form, its hint on the same line or the next. */
    private static final Pattern NO_RECORD_BARE =
            Pattern.compile("^(?:ERROR: )?Cannot uninstall (.+?), RECORD file not found\\.$");
    /** setuptools' egg_info touching its directory: only an OSError (the checkout not the user's) raises it. */
    private static final Pattern EGG_INFO_TIME_STAMP =
            Pattern.compile("^error: Cannot update time stamp of directory '(.{1,1000}?)'");
    /** easy_install's paragraph (under {@code setup.py install} or {@code develop}): the OS's error follows. */
    private static final String EASY_INSTALL_HEADLINE = "error: can't create or remove files in install directory";
    /** pip's "Requirement already satisfied" naming a package in a distribution's own directory. */
    private static final Pattern SATISFIED_IN_DISTRO = Pattern.compile(
            "^Requirement already satisfied: ([A-Za-z0-9_.-]{1,100})[^ ]{0,200} in (?:/usr/lib/python3/dist-packages"
                    + "|/usr/lib/python3\\.[0-9]{1,2}/site-packages|/usr/lib64/python3\\.[0-9]{1,2}/site-packages)");

    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("^(?:[A-Za-z_][A-Za-z0-9_.]{0,80}(?:Error|Exception)|error): (?=\\[)");
    /** A traceback's frame line: a path (at most a few hundred characters), a line number, a function. */
    private static final int MAX_FRAME_CHARS = 2_048;

    private static final Pattern CACHE_WARNING =
            Pattern.compile("^WARNING: The directory '.*' or its parent directory is not owned .*|"
                    + "^The directory '.*' or its parent directory is not owned .*");
    /** pip 20 to 23.1: one line; the hint names the installer when it was not pip. */
    private static final Pattern NO_RECORD_LINE = Pattern.compile(
            "^(?:ERROR: )?Cannot uninstall (.+?), RECORD file not found\\. Hint: The package was installed by ([^.]+)\\.");
    /** pip 10 to 23.1: a distutils install (an OS package, a conda base environment). */
    private static final Pattern DISTUTILS_LINE =
            Pattern.compile("^(?:ERROR: )?Cannot uninstall '(.+?)'\\. It is a distutils installed project");
    /** uv's errors end with the OS's own words and number: {@code Permission denied (os error 13)}. */
    private static final Pattern UV_OS_ERROR = Pattern.compile("\\(os error (\\d{1,3})\\)");
    /** uv quotes paths in backticks, or names one with {@code at path "..."}. */
    private static final Pattern UV_QUOTED_PATH = Pattern.compile("`([^`]{1,1000})`");

    /**
     * uv with no environment to install into: since 0.4.7 {@code No virtual environment found; run `uv venv` ...}
     * (with {@code for Python 3.12} when one was asked for), before that {@code Failed to locate a virtualenv or Conda
     * environment}.
     */
    private static final Pattern UV_NO_VENV = Pattern.compile(
            "^error: (?:No virtual environment found\\b|Failed to locate a virtualenv or Conda environment \\(checked)");

    private static final Pattern UV_AT_PATH = Pattern.compile(" at path \"([^\"]{1,1000})\"");
    private static final Pattern UV_EXTERNALLY_MANAGED =
            Pattern.compile("^error: The interpreter at .{1,1000}? is externally managed");
    /** A path only Python's installers write: uv's error is an install's, not another Rust tool's (cargo). */
    private static final Pattern PYTHON_TARGET =
            Pattern.compile("(?i).*(?:site-packages|dist-packages|[/\\\\]python[0-9.]*[/\\\\]|[/\\\\]uv[/\\\\]|\\.venv|"
                    + "[/\\\\]Scripts[/\\\\]|\\.whl|\\.dist-info|[/\\\\]pythons?[0-9.]*$).*");
    /** A script line running uv or uvx. */
    private static final Pattern RUNS_UV = Pattern.compile("(?:^|[\\s;&|(])uvx?\\s");
    /** A script line running Poetry's installer. */
    private static final Pattern RUNS_POETRY =
            Pattern.compile("(?:^|[\\s;&|(])poetry\\s+(?:install|add|sync|update)\\b");
    /** How far below uv's {@code error:} its {@code Caused by:} lines come. */
    private static final int UV_REACH = 6;
    /**
     * distutils' own refusal, under a {@code setup.py install} that pip ran: no errno, the OS's words after the path
     * ({@code error: could not create '/usr/local/lib/python3.8/dist-packages/foo': Permission denied}).
     */
    private static final Pattern DISTUTILS_REFUSAL =
            Pattern.compile("^error: could not (?:create|copy|write|open|delete|remove|make) '(.+?)': "
                    + "(Permission denied|Operation not permitted|Read-only file system)\\b");
    /** How far below pip's {@code error: uninstall-...} its lines come. */
    private static final int UNINSTALL_REACH = 8;

    private static final Pattern AZURE_SECTION = Pattern.compile("^##\\[section\\]Starting: (.+)$");
    private static final Pattern JENKINS_STAGE = Pattern.compile("^\\[Pipeline\\] \\{ \\((.+)\\)$");
    private static final Pattern BUILDKIT_RUN = Pattern.compile("^\\[[^\\]]{1,60}\\] RUN (.+)$");

    private final List<Step> steps = new ArrayList<>();
    private final List<Candidate> candidates = new ArrayList<>();
    private Step step;
    private boolean inGitHubHeader;
    private boolean inWebHeader;
    private boolean inWebEnv;
    /** A raw job log: only its own markers start steps and mark failures, not a tool's "Run ..." or "Error: ...". */
    private boolean rawGitHubLog;

    private RunnerOs imageOs = RunnerOs.UNKNOWN;
    private long headlineLine = -1;
    private String headlineText;
    /** pip's old headline quoted a list of {@code (src, dst, "[Errno 1] ...")} tuples, which may wrap over lines. */
    private boolean headlineTuples;

    private long tracebackLine = -1;
    private boolean pipTraceback;
    /** The traceback runs through pipx's code. */
    private boolean pipxTraceback;

    private long pipExceptionLine = -1;
    private long setupPyLine = -1;
    /** pip's {@code Command errored out} (or {@code subprocess-exited-with-error}) block, and whether it built in place. */
    private long commandErroredLine = -1;

    private Candidate lastPep668;
    /** pip's {@code error: uninstall-no-record-file} (or its distutils twin), until its hint says who installed it. */
    private long uninstallLine = -1;
    /** uv's last {@code error:} line, the lines under it, and the path they named. */
    private long uvErrorLine = -1;

    private final List<String> uvEvidence = new ArrayList<>();
    private String uvPath;

    private boolean uninstallDistutils;
    private final List<String> uninstallEvidence = new ArrayList<>();
    /** The uninstall block's hint was pip's own ("recover via --ignore-installed"): who installed it is unknown. */
    private String uninstallPackage;
    /** Packages pip found in a distribution's own site directory, by lower-case name (bounded). */
    private final java.util.Set<String> distroPackages = new java.util.HashSet<>();

    private String tracedCommand;
    /** The last line of uv's block: its {@code Caused by:} chain may run longer than {@link #UV_REACH} in all. */
    private long uvLastLine = -1;
    /** The last {@code set -x} trace and its line: what an {@code echo} prints is not a failure. */
    private String lastTrace = "";

    private long lastTraceLine = -1;
    /** easy_install's paragraph began here; its {@code [Errno N]} comes a few lines below. */
    private long easyInstallLine = -1;
    /**
     * An OS error ending a traceback through code that is no installer's (logging's), kept in case the next
     * traceback, of which it was the direct cause, runs through pip's or pipx's code.
     */
    private PendingCause pendingCause;

    /** Text that was pasted rather than logged: frames of pasting (backticks, blockquotes, bullets) are read too. */
    private final boolean pasted;

    /** @param pasted the log has no timestamps: a copy from a page, an issue or a terminal */
    Analyzer(boolean pasted) {
        this.pasted = pasted;
    }

    /** One line, with its 1-based number. Lines come in log order; lines no rule needs may be left out. */
    void accept(long number, String raw) {
        String line = LogLines.clean(raw);
        String content = LogLines.content(raw, line, pasted);
        if (content.startsWith("##[")) {
            rawGitHubLog = true;
            marker(number, content);
            return;
        }
        // a step's header is the workflow's own text, read as it is, not as output
        String header = line.strip();
        if (inWebHeader) {
            if (line.startsWith("  ")) {
                webHeaderLine(header);
                return;
            }
            inWebHeader = false;
        }
        if (line.startsWith("Run ") && !rawGitHubLog) {
            startStep(line, number);
            inWebHeader = true;
            inWebEnv = false;
            return;
        }
        if (inGitHubHeader) {
            if (LogLines.isScriptEcho(raw)) {
                step.addScriptLine(header);
            } else if (header.startsWith("shell: ")) {
                step.shell = header.substring("shell: ".length());
            }
            return;
        }
        if (step == null && content.startsWith("Image: ")) {
            imageOs = osOfImage(content.substring("Image: ".length()));
            return;
        }
        output(number, content);
    }

    /** A line a command printed. */
    private void output(long number, String content) {
        structure(number, content);
        evidence(number, content);
    }

    private void marker(long number, String content) {
        if (content.startsWith("##[group]Run ")) {
            startStep(content.substring("##[group]".length()), number);
            inGitHubHeader = true;
        } else if (content.startsWith("##[endgroup]")) {
            inGitHubHeader = false;
        } else if (content.startsWith("##[error]")) {
            if (step != null) {
                step.failed = true;
            }
            // a tool's own error annotated as one (::error::ERROR: ...): its words are read as output too
            String rest = content.substring("##[error]".length());
            if (!rest.isBlank() && !rest.startsWith("##[")) {
                output(number, LogLines.content(rest, LogLines.clean(rest), pasted));
            }
        } else {
            Matcher azure = AZURE_SECTION.matcher(content);
            if (azure.matches()) {
                startStep(azure.group(1).strip(), number);
            }
        }
    }

    private void webHeaderLine(String content) {
        if (content.startsWith("shell: ")) {
            step.shell = content.substring("shell: ".length());
        } else if (content.equals("env:")) {
            inWebEnv = true;
        } else if (!inWebEnv) {
            step.addScriptLine(content);
        }
    }

    /** Step boundaries and failures of other framings, and where pip is running. */
    private void structure(long number, String content) {
        if (content.startsWith("Error: ") && !rawGitHubLog) {
            markFailed();
        } else if (content.startsWith("ERROR: script returned exit code")
                || content.startsWith("ERROR: failed to solve:")
                || content.startsWith("ERROR: process \"") && content.contains("did not complete successfully")) {
            markFailed();
        }
        Matcher stage = JENKINS_STAGE.matcher(content);
        if (stage.matches()) {
            startStep(stage.group(1), number);
            return;
        }
        Matcher run = BUILDKIT_RUN.matcher(content);
        if (run.matches()) {
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
                    buildingInSourceSince(commandErroredLine);
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
        } else if (CACHE_WARNING.matcher(content).matches() && step != null) {
            step.cacheNotWritable = true;
        }
    }

    private void evidence(long number, String content) {
        if (echoed(number, content)) {
            return;
        }
        if (HEADLINE_WRAPPED.matcher(content).matches()) {
            headlineLine = number;
            headlineText = content;
            headlineTuples = false;
            return;
        }
        if (USER_REFUSED.matcher(content).lookingAt()) {
            record(Kind.USER_INSTALL_REFUSED, number, null, List.of(content));
            return;
        }
        if (setuptools(number, content)) {
            return;
        }
        Matcher headline = HEADLINE.matcher(content);
        if (headline.matches()) {
            String rest = headline.group(1);
            ErrorCode code = rest.startsWith(":") ? ErrorCode.at(rest, 1) : null;
            if (code != null) {
                record(code, number, content, content.length() - rest.length() + code.end(), List.of(content));
                headlineLine = -1;
            } else if (rest.startsWith(": [(")) {
                // shutil.Error's list of (source, destination, error) tuples: the first error with a code counts
                headlineLine = number;
                headlineText = content;
                headlineTuples = true;
                tupleError(number, content, rest);
            } else if (rest.isBlank()
                    || rest.strip().equals(".")
                    || rest.strip().equals(":")) {
                headlineLine = number;
                headlineText = content;
                headlineTuples = false;
            } else {
                headlineLine = -1;
            }
            return;
        }
        if (headlineTuples && within(headlineLine, number, TUPLE_REACH) && tupleError(number, content, content)) {
            return;
        }
        Matcher distutils = DISTUTILS_REFUSAL.matcher(content);
        if (distutils.lookingAt()
                && (within(setupPyLine, number, SETUP_PY_REACH)
                        || within(commandErroredLine, number, SETUP_PY_REACH))) {
            Kind kind = switch (distutils.group(2)) {
                case "Operation not permitted" -> Kind.OPERATION_NOT_PERMITTED;
                case "Read-only file system" -> Kind.READ_ONLY_FILESYSTEM;
                default -> Kind.PERMISSION_DENIED;
            };
            record(kind, number, distutils.group(1), List.of(content));
            return;
        }
        if (content.startsWith("[Errno ") && runsPoetry()) {
            // Poetry prints the exception's name, a blank line, then its message alone ("[Errno 13] Permission
            // denied: '/usr/...'"); pip never starts a line with the code
            ErrorCode code = ErrorCode.at(content, 0);
            if (code != null && code.kind() != null) {
                record(code, number, content, code.end(), List.of(content)).installer = Installer.POETRY;
                return;
            }
        }
        if (content.startsWith("ERROR: To modify pip, please run the following command")) {
            // pip 19.3 on, on Windows: it refuses up front what [WinError 5] on pip.exe used to report
            Candidate refused = record(Kind.ACCESS_DENIED, number, null, List.of(content));
            refused.statedCause = Optional.of(Cause.PIP_SELF_UPGRADE);
            return;
        }
        String lower = content.toLowerCase(Locale.ROOT);
        if (uninstall(number, content, lower)) {
            return;
        }
        if (lower.startsWith("error: externally-managed-environment")) {
            lastPep668 = record(Kind.EXTERNALLY_MANAGED_ENVIRONMENT, number, null, List.of(content));
            return;
        }
        if (content.startsWith("× This environment is externally managed") || content.startsWith("╰─>")) {
            pep668Detail(number, content);
            return;
        }
        Matcher exception = EXCEPTION_LINE.matcher(content);
        if (exception.find()) {
            ErrorCode code = ErrorCode.at(content, exception.end());
            if (code != null && code.kind() != null && inPipContext(number, content)) {
                List<String> evidence = within(headlineLine, number, HEADLINE_REACH)
                        ? List.of(headlineText, content)
                        : List.of(content);
                record(code, number, content, code.end(), evidence);
                return;
            }
            if (code != null
                    && code.kind() != null
                    && within(tracebackLine, number, TRACEBACK_REACH)
                    && pipxTraceback) {
                // pipx writing its own home or bin directory: its traceback ends with the OS's refusal
                record(code, number, content, code.end(), List.of(content)).installer = Installer.PIPX;
                return;
            }
            if (code != null
                    && code.kind() != null
                    && within(commandErroredLine, number, SETUP_PY_REACH)
                    && ErrorPaths.after(content, code.end()) != null
                    && ErrorPaths.after(content, code.end()).contains(".egg-info")) {
                // a build backend's own traceback under pip's block, refused the checkout's egg-info
                record(code, number, content, code.end(), List.of(content)).buildingInSource = true;
                return;
            }
            if (code != null && code.kind() != null && within(tracebackLine, number, TRACEBACK_REACH)) {
                // no installer's code yet: the next traceback may show this was the direct cause of its failure
                pendingCause = new PendingCause(code, number, content, -1);
            }
        }
        uv(number, content);
    }

    /**
     * uv's errors: {@code error: Failed to install: X}, then {@code Caused by:} lines down to the OS's refusal with
     * its number ({@code Permission denied (os error 13)}), a path in backticks or {@code at path "..."}; and its
     * PEP 668 refusal, {@code The interpreter at /usr is externally managed}. Other Rust tools (cargo) print the same
     * framing, so an OS error counts only for an install: the block began with {@code Failed to install}, the path is
     * one only Python's installers write, or the step runs uv.
     */
    private void uv(long number, String content) {
        // uv's report form since 0.1: "× Failed to create virtualenv", then "├─▶" and "╰─▶" for its causes
        boolean error = content.startsWith("error: ") || content.startsWith("\u00D7 ");
        boolean causedBy = content.startsWith("Caused by: ")
                || content.startsWith("\u251C\u2500\u25B6")
                || content.startsWith("\u2570\u2500\u25B6");
        if (!error && !causedBy) {
            return;
        }
        if (error && UV_NO_VENV.matcher(content).lookingAt()) {
            record(Kind.NO_VIRTUAL_ENVIRONMENT, number, null, List.of(content)).installer = Installer.UV;
            return;
        }
        if (UV_EXTERNALLY_MANAGED.matcher(content).lookingAt()) {
            record(Kind.EXTERNALLY_MANAGED_ENVIRONMENT, number, null, List.of(content)).installer = Installer.UV;
            return;
        }
        if (error) {
            uvErrorLine = number;
            uvLastLine = number;
            uvEvidence.clear();
            uvPath = null;
        }
        // each cause of the chain is near the one before it, however long the chain
        boolean inBlock = uvErrorLine >= 0 && within(uvLastLine, number, UV_REACH);
        if (!inBlock) {
            return;
        }
        uvLastLine = number;
        if (uvEvidence.size() < MAX_EVIDENCE_LINES) {
            uvEvidence.add(content);
        }
        Matcher quoted = UV_QUOTED_PATH.matcher(content);
        String quotedPath = null;
        while (quoted.find()) {
            quotedPath = quoted.group(1);
        }
        Matcher at = UV_AT_PATH.matcher(content);
        String path = at.find() ? at.group(1) : quotedPath;
        if (path != null) {
            uvPath = path;
        }
        Matcher os = UV_OS_ERROR.matcher(content);
        if (!os.find()) {
            return;
        }
        Kind kind = switch (Integer.parseInt(os.group(1))) {
            case 13 -> Kind.PERMISSION_DENIED;
            case 5 -> Kind.ACCESS_DENIED;
            case 30 -> Kind.READ_ONLY_FILESYSTEM;
            case 1 -> Kind.OPERATION_NOT_PERMITTED;
            case 32 -> Kind.FILE_IN_USE;
            default -> null;
        };
        boolean install = uvEvidence.get(0).startsWith("error: Failed to install")
                || uvEvidence.get(0).startsWith("\u00D7 Failed to install")
                || uvPath != null && PYTHON_TARGET.matcher(uvPath).matches()
                || runsUv();
        if (kind == null || !install) {
            return;
        }
        Candidate found = record(kind, uvErrorLine, uvPath, uvEvidence);
        found.installer = Installer.UV;
        // Windows refusing to remove what a running process holds (a venv's python.exe, a tool's .exe)
        if (kind == Kind.ACCESS_DENIED && uvEvidence.stream().anyMatch(l -> l.contains("failed to remove"))) {
            found.statedCause = Optional.of(Cause.FILE_LOCKED);
        }
        uvErrorLine = -1;
    }

    /**
     * The line is what the traced {@code echo} or {@code printf} just before it printed (a script quoting pip's
     * words), not a command's failure.
     */
    private boolean echoed(long number, String content) {
        if (!within(lastTraceLine, number, 2)
                || !(lastTrace.startsWith("echo ") || lastTrace.startsWith("printf "))
                || content.isEmpty()) {
            return false;
        }
        return lastTrace.contains(content.length() <= 60 ? content : content.substring(0, 60));
    }

    /**
     * setuptools' refusals that carry no error code: {@code Cannot update time stamp of directory 'x.egg-info'}, and
     * easy_install's paragraph, whose {@code [Errno 13]} stands indented a few lines below its headline.
     *
     * @return whether the line was one of these
     */
    private boolean setuptools(long number, String content) {
        Matcher stamp = EGG_INFO_TIME_STAMP.matcher(content);
        if (stamp.lookingAt()) {
            record(Kind.PERMISSION_DENIED, number, stamp.group(1), List.of(content)).buildingInSource = true;
            return true;
        }
        if (content.startsWith(EASY_INSTALL_HEADLINE)) {
            easyInstallLine = number;
            return true;
        }
        if (within(easyInstallLine, number, 8) && (content.startsWith("[Errno ") || content.startsWith("[WinError "))) {
            ErrorCode code = ErrorCode.at(content, 0);
            if (code != null && code.kind() != null) {
                record(code, number, content, code.end(), List.of(EASY_INSTALL_HEADLINE, content));
                easyInstallLine = -1;
                return true;
            }
        }
        return false;
    }

    /**
     * A frame of pip's or pipx's code in the traceback an OS error was the direct cause of: the error is the
     * installer's after all (pipx's log file in a root-owned home fails its logging set-up so).
     */
    private void causedThrough(long number, Installer installer) {
        if (pendingCause == null
                || pendingCause.chainedAt() < 0
                || !within(pendingCause.line(), number, TRACEBACK_REACH)) {
            return;
        }
        PendingCause cause = pendingCause;
        pendingCause = null;
        record(cause.code(), cause.line(), cause.content(), cause.code().end(), List.of(cause.content())).installer =
                installer;
    }

    /** {@code PyYAML 6.0.1} or {@code 'PyYAML'}: the package's name, as pip normalises it. */
    private static String packageName(String text) {
        String name = text.strip();
        int space = name.indexOf(' ');
        name = space > 0 ? name.substring(0, space) : name;
        return normalisedName(name.replace("'", ""));
    }

    private static String normalisedName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
    }

    /** An OS error in a traceback of no installer's, and where the chain to the next traceback was announced. */
    private record PendingCause(ErrorCode code, long line, String content, long chainedAt) {
        PendingCause chainedAt(long number) {
            return new PendingCause(code, line, content, number);
        }
    }

    /** The pathless errors of pip's {@code Command errored out} block came from a build in the source tree. */
    private void buildingInSourceSince(long blockLine) {
        if (blockLine < 0) {
            return;
        }
        for (Candidate c : candidates) {
            if (c.line >= blockLine && c.path == null) {
                c.buildingInSource = true;
            }
        }
    }

    private boolean runsPoetry() {
        return step != null && step.scriptRuns(RUNS_POETRY);
    }

    private boolean runsUv() {
        if (step == null) {
            return tracedCommand != null && RUNS_UV.matcher(tracedCommand).find();
        }
        return step.scriptRuns(RUNS_UV)
                || step.tracedCommand != null
                        && RUNS_UV.matcher(step.tracedCommand).find();
    }

    /**
     * pip refusing to replace a package it did not install. Since pip 23.1 a block: {@code error:
     * uninstall-no-record-file}, {@code × Cannot uninstall X}, {@code ╰─> ... no RECORD file ...}, then a hint naming
     * the installer (a package pip installed itself without a RECORD file is a broken install, not this); before that
     * one line. The distutils form has no hint: something other than pip installed it.
     *
     * @return whether the line was one of these
     */
    private boolean uninstall(long number, String content, String lower) {
        if (lower.startsWith("error: uninstall-no-record-file")
                || lower.startsWith("error: uninstall-distutils-installed-package")) {
            uninstallLine = number;
            uninstallPackage = null;
            uninstallDistutils = lower.contains("distutils");
            uninstallEvidence.clear();
            uninstallEvidence.add(content);
            return true;
        }
        if (within(uninstallLine, number, UNINSTALL_REACH)) {
            if (content.startsWith("× Cannot uninstall ") || content.startsWith("╰─>")) {
                if (content.startsWith("× Cannot uninstall ")) {
                    uninstallPackage = packageName(content.substring("× Cannot uninstall ".length()));
                }
                uninstallEvidence.add(content);
                if (uninstallDistutils && content.startsWith("╰─>")) {
                    record(Kind.CANNOT_UNINSTALL, uninstallLine, null, uninstallEvidence);
                    uninstallLine = -1;
                }
                return true;
            }
            if (lower.startsWith("hint: the package was installed by ")) {
                String installer = content.substring("hint: The package was installed by ".length())
                        .replaceFirst("[.].*", "")
                        .strip();
                if (!installer.equalsIgnoreCase("pip")) {
                    uninstallEvidence.add(content);
                    record(Kind.CANNOT_UNINSTALL, uninstallLine, null, uninstallEvidence);
                }
                uninstallLine = -1;
                return true;
            }
            if (lower.startsWith("hint: you might be able to recover from this via")) {
                // pip names no installer: it was pip, or nothing said (an egg-info a distribution put there); the
                // package living in the distribution's directory, as pip said earlier in the log, decides
                if (uninstallPackage != null && distroPackages.contains(uninstallPackage)) {
                    uninstallEvidence.add(content);
                    record(Kind.CANNOT_UNINSTALL, uninstallLine, null, uninstallEvidence);
                }
                uninstallLine = -1;
                return true;
            }
        }
        Matcher bare = NO_RECORD_BARE.matcher(content);
        if (bare.matches()) {
            uninstallLine = number;
            uninstallDistutils = false;
            uninstallEvidence.clear();
            uninstallEvidence.add(content);
            uninstallPackage = packageName(bare.group(1));
            return true;
        }
        Matcher satisfied = SATISFIED_IN_DISTRO.matcher(content);
        if (satisfied.lookingAt() && distroPackages.size() < 1_000) {
            distroPackages.add(normalisedName(satisfied.group(1)));
        }
        Matcher noRecord = NO_RECORD_LINE.matcher(content);
        if (noRecord.lookingAt() && !noRecord.group(2).strip().equalsIgnoreCase("pip")) {
            record(Kind.CANNOT_UNINSTALL, number, null, List.of(content));
            return true;
        }
        if (DISTUTILS_LINE.matcher(content).lookingAt()) {
            record(Kind.CANNOT_UNINSTALL, number, null, List.of(content));
            return true;
        }
        return false;
    }

    /**
     * The first {@code "[Errno N] ..."} in a headline's tuple list (or a line it wrapped onto); the path is the error's
     * own, the file the OS refused.
     *
     * @return whether a finding was recorded
     */
    private boolean tupleError(long number, String content, String text) {
        int at = text.indexOf("[Errno ");
        int win = text.indexOf("[WinError ");
        int from = at < 0 ? win : win < 0 ? at : Math.min(at, win);
        if (from < 0) {
            return false;
        }
        ErrorCode code = ErrorCode.at(text, from);
        if (code == null || code.kind() == null) {
            return false;
        }
        List<String> evidence = number == headlineLine ? List.of(content) : List.of(headlineText, content);
        record(code.kind(), headlineLine, ErrorPaths.after(text, code.end()), evidence);
        headlineTuples = false;
        headlineLine = -1;
        return true;
    }

    private boolean inPipContext(long number, String content) {
        return within(commandErroredLine, number, SETUP_PY_REACH) && content.startsWith("error: [")
                || within(headlineLine, number, HEADLINE_REACH)
                || within(tracebackLine, number, TRACEBACK_REACH) && pipTraceback
                || within(pipExceptionLine, number, TRACEBACK_REACH) && pipTraceback
                || within(setupPyLine, number, SETUP_PY_REACH) && content.startsWith("error: [");
    }

    private void pep668Detail(long number, String content) {
        if (lastPep668 != null && number - lastPep668.line <= 4) {
            if (lastPep668.evidence.size() < MAX_EVIDENCE_LINES) {
                lastPep668.evidence.add(capped(content));
            }
        } else if (content.startsWith("×")) {
            lastPep668 = record(Kind.EXTERNALLY_MANAGED_ENVIRONMENT, number, null, List.of(content));
        }
    }

    private Candidate record(ErrorCode code, long number, String content, int messageFrom, List<String> evidence) {
        Kind kind = code.kind();
        return kind == null ? null : record(kind, number, ErrorPaths.after(content, messageFrom), evidence);
    }

    private Candidate record(Kind kind, long number, String path, List<String> evidence) {
        for (Candidate earlier : candidates) {
            if (earlier.kind == kind && earlier.step == step && same(earlier.path, path)) {
                return earlier;
            }
        }
        Candidate candidate = new Candidate(kind, number, step, path, tracedCommandFor(number));
        evidence.forEach(line -> candidate.evidence.add(capped(line)));
        if (step != null && step.candidates >= MAX_PER_STEP) {
            step.unkept++;
            return candidate;
        }
        if (candidates.size() >= MAX_CANDIDATES && !makeRoom()) {
            return candidate;
        }
        candidates.add(candidate);
        if (step != null) {
            step.candidates++;
        }
        return candidate;
    }

    /** Drops the latest candidate of a finished step that did not fail; false when every one may still matter. */
    private boolean makeRoom() {
        for (int i = candidates.size() - 1; i >= 0; i--) {
            Step of = candidates.get(i).step;
            if (of != null && of != step && !of.failed) {
                candidates.remove(i);
                of.candidates--;
                return true;
            }
        }
        return false;
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

    private void startStep(String name, long number) {
        boolean sudoPipBefore = step != null && (step.afterSudoPip || step.ranSudoPip());
        step = new Step(PipCommands.capped(name), number);
        step.afterSudoPip = sudoPipBefore;
        pendingCause = null;
        easyInstallLine = -1;
        uvErrorLine = -1;
        steps.add(step);
        inWebHeader = false;
        headlineLine = -1;
        tracebackLine = -1;
        pipTraceback = false;
        pipxTraceback = false;
        pipExceptionLine = -1;
        setupPyLine = -1;
    }

    private void markFailed() {
        if (step != null) {
            step.failed = true;
        }
    }

    /**
     * The findings, keeping only those of failed steps when the log shows which steps failed, one per kind and cause
     * in a step (the first, counting the others).
     */
    List<Finding> finish() {
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
            RunnerOs os = osOf(c);
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

    private RunnerOs osOf(Candidate c) {
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

    private static RunnerOs osOfImage(String image) {
        String lower = image.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("ubuntu")) {
            return RunnerOs.LINUX;
        }
        if (lower.startsWith("win")) {
            return RunnerOs.WINDOWS;
        }
        if (lower.startsWith("macos")) {
            return RunnerOs.MACOS;
        }
        return RunnerOs.UNKNOWN;
    }

    private static boolean within(long start, long number, int reach) {
        return start >= 0 && number - start <= reach;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static String capped(String line) {
        return line.length() <= MAX_EVIDENCE_CHARS ? line : line.substring(0, MAX_EVIDENCE_CHARS) + " …";
    }

    /** A finding before the whole log is known: its command and cause are settled at the end. */
    private static final class Candidate {
        final Kind kind;
        final long line;
        final Step step;
        final String path;
        final String command;
        final List<String> evidence = new ArrayList<>();
        Installer installer = Installer.PIP;
        /** Under a package's own build in its source tree ({@code egg_info}, {@code develop}). */
        boolean buildingInSource;
        /** The message itself says the cause, whatever the path and OS show. */
        Optional<Cause> statedCause = Optional.empty();

        Candidate(Kind kind, long line, Step step, String path, String command) {
            this.kind = kind;
            this.line = line;
            this.step = step;
            this.path = path;
            this.command = command;
        }
    }
}
