package dev.pipfix.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * uv's words: {@code error: Failed to install: X}, then {@code Caused by:} lines down to the OS's refusal with its
 * number ({@code Permission denied (os error 13)}), a path in backticks or {@code at path "..."}; its report form
 * ({@code × Failed to create virtualenv}, {@code ├─▶}, {@code ╰─▶}); its PEP 668 refusal ({@code The interpreter at
 * /usr is externally managed}); and no environment to install into. Other Rust tools (cargo) print the same framing,
 * so an OS error counts only for an install: the block began with {@code Failed to install}, the path is one only
 * Python's installers write, or the step runs uv.
 */
final class UvRules implements Rules {

    /** uv's errors end with the OS's own words and number: {@code Permission denied (os error 13)}. */
    private static final Pattern OS_ERROR = Pattern.compile("\\(os error (\\d{1,3})\\)");
    /** uv quotes paths in backticks, or names one with {@code at path "..."}. */
    private static final Pattern QUOTED_PATH = Pattern.compile("`([^`]{1,1000})`");

    private static final Pattern AT_PATH = Pattern.compile(" at path \"([^\"]{1,1000})\"");
    /**
     * uv with no environment to install into: since 0.4.7 {@code No virtual environment found; run `uv venv` ...}
     * (with {@code for Python 3.12} when one was asked for), before that {@code Failed to locate a virtualenv or Conda
     * environment}.
     */
    private static final Pattern NO_VENV = Pattern.compile(
            "^error: (?:No virtual environment found\\b|Failed to locate a virtualenv or Conda environment \\(checked)");

    private static final Pattern EXTERNALLY_MANAGED =
            Pattern.compile("^error: The interpreter at .{1,1000}? is externally managed");
    /** A path only Python's installers write: uv's error is an install's, not another Rust tool's (cargo). */
    private static final Pattern PYTHON_TARGET =
            Pattern.compile("(?i).*(?:site-packages|dist-packages|[/\\\\]python[0-9.]*[/\\\\]|[/\\\\]uv[/\\\\]|\\.venv|"
                    + "[/\\\\]Scripts[/\\\\]|\\.whl|\\.dist-info|[/\\\\]pythons?[0-9.]*$).*");
    /** How far below the line before it each cause of uv's chain comes. */
    private static final int REACH = 6;

    /** uv's last {@code error:} line, the lines under it, and the path they named. */
    private long errorLine = -1;

    private long lastLine = -1;
    private final List<String> evidence = new ArrayList<>();
    private String path;

    @Override
    public void stepStarted() {
        errorLine = -1;
    }

    @Override
    public boolean read(OutputLine line, LogContext log) {
        String content = line.content;
        long number = line.number;
        boolean error = content.startsWith("error: ") || content.startsWith("\u00D7 ");
        boolean causedBy = content.startsWith("Caused by: ")
                || content.startsWith("\u251C\u2500\u25B6")
                || content.startsWith("\u2570\u2500\u25B6");
        // a cause soft-wrapped in a copy: its OS error alone on the next line
        boolean wrapped =
                !error && !causedBy && errorLine >= 0 && number == lastLine + 1 && content.contains("(os error ");
        if (!error && !causedBy && !wrapped) {
            return false;
        }
        if (error && NO_VENV.matcher(content).lookingAt()) {
            log.record(Kind.NO_VIRTUAL_ENVIRONMENT, number, null, List.of(content)).installer = Installer.UV;
            return true;
        }
        if (EXTERNALLY_MANAGED.matcher(content).lookingAt()) {
            log.record(Kind.EXTERNALLY_MANAGED_ENVIRONMENT, number, null, List.of(content)).installer = Installer.UV;
            return true;
        }
        if (error) {
            errorLine = number;
            lastLine = number;
            evidence.clear();
            path = null;
        }
        // each cause of the chain is near the one before it, however long the chain
        if (errorLine < 0 || !LogContext.within(lastLine, number, REACH)) {
            return false;
        }
        lastLine = number;
        if (evidence.size() < Candidate.MAX_EVIDENCE_LINES) {
            evidence.add(content);
        }
        pathOf(content).ifPresent(named -> path = named);
        Matcher os = OS_ERROR.matcher(content);
        if (!os.find()) {
            return false;
        }
        Kind kind = switch (Integer.parseInt(os.group(1))) {
            case 13 -> Kind.PERMISSION_DENIED;
            case 5 -> Kind.ACCESS_DENIED;
            case 30 -> Kind.READ_ONLY_FILESYSTEM;
            case 1 -> Kind.OPERATION_NOT_PERMITTED;
            case 32 -> Kind.FILE_IN_USE;
            default -> null;
        };
        boolean install = evidence.get(0).startsWith("error: Failed to install")
                || evidence.get(0).startsWith("\u00D7 Failed to install")
                || path != null && PYTHON_TARGET.matcher(path).matches()
                || log.runsUv();
        if (kind == null || !install) {
            return false;
        }
        Candidate found = log.record(kind, errorLine, path, evidence);
        found.installer = Installer.UV;
        // Windows refusing to remove what a running process holds (a venv's python.exe, a tool's .exe)
        if (kind == Kind.ACCESS_DENIED && evidence.stream().anyMatch(l -> l.contains("failed to remove"))) {
            found.statedCause = Optional.of(Cause.FILE_LOCKED);
        }
        errorLine = -1;
        return true;
    }

    /** The path a line of uv's names: {@code at path "..."}, or else the last one in backticks. */
    private static Optional<String> pathOf(String content) {
        Matcher at = AT_PATH.matcher(content);
        if (at.find()) {
            return Optional.of(at.group(1));
        }
        Matcher quoted = QUOTED_PATH.matcher(content);
        String last = null;
        while (quoted.find()) {
            last = quoted.group(1);
        }
        return Optional.ofNullable(last);
    }
}
