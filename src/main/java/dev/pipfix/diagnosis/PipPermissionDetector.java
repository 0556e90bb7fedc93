package dev.pipfix.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first detector: pip's own "Could not install packages" error when the operating system refused a write,
 * {@code [Errno 13]} on POSIX and {@code [WinError 5]} on Windows. It attributes each finding to the step whose
 * {@code ##[group]Run} header precedes it. The full family (other errnos, PEP 668, tracebacks, attribution to the
 * failing step) belongs to the diagnosis engine that replaces this class behind {@link LogDetector}.
 */
public final class PipPermissionDetector implements LogDetector {

    /** pip 20.3+ says "OSError", older pip "EnvironmentError"; the errno may follow on the same line or below. */
    private static final Pattern COULD_NOT_INSTALL =
            Pattern.compile("Could not install packages due to an? (?:OSError|EnvironmentError)[:.]?\\s*(.*)");
    private static final Pattern ERRNO_13 = Pattern.compile("\\[Errno 13\\]");
    private static final Pattern WIN_ERROR_5 = Pattern.compile("\\[WinError 5\\]");
    /** The path is the last quoted string after the error number: {@code ... denied: '/usr/lib/python3/x'}. */
    private static final Pattern QUOTED_PATH = Pattern.compile("\\]\\s[^'\"]*?['\"](.+)['\"]\\s*$");
    private static final Pattern STEP_HEADER = Pattern.compile("^##\\[group\\]Run (.*)$");
    private static final Pattern IMAGE = Pattern.compile("^\\s*Image: (\\w+)", Pattern.CASE_INSENSITIVE);
    /** Old pip prints the headline, then the OSError a few lines below it. */
    private static final int LOOKAHEAD_LINES = 6;
    /** Evidence is quoted in a comment; a macOS error can list thousands of paths on one line. */
    private static final int MAX_EVIDENCE_CHARS = 2_000;

    @Override
    public LogScan newScan() {
        return new Scan();
    }

    private static final class Scan implements LogScan {
        private final List<Finding> findings = new ArrayList<>();
        private int lineNumber;
        private String step;
        private int stepStartLine;
        private boolean inStepHeader;
        private final List<String> script = new ArrayList<>();
        private Os imageOs = Os.UNKNOWN;
        private Os shellOs = Os.UNKNOWN;
        private String pendingHeadline;
        private int pendingLine;

        @Override
        public void accept(String rawLine) {
            lineNumber++;
            String line = LogLines.clean(rawLine);
            if (trackStructure(line)) {
                return;
            }
            Matcher headline = COULD_NOT_INSTALL.matcher(line);
            if (headline.find()) {
                pendingHeadline = null;
                Kind kind = kindOf(headline.group(1));
                if (kind != null) {
                    record(kind, lineNumber, List.of(line), line);
                } else if (headline.group(1).isBlank()) {
                    pendingHeadline = line;
                    pendingLine = lineNumber;
                }
                return;
            }
            if (pendingHeadline != null) {
                Kind kind = kindOf(line);
                if (kind != null) {
                    record(kind, pendingLine, List.of(pendingHeadline, line.strip()), line);
                    pendingHeadline = null;
                } else if (lineNumber - pendingLine >= LOOKAHEAD_LINES) {
                    pendingHeadline = null;
                }
            }
        }

        /** Follows step headers and the runner preamble; true when the line is framing, not tool output. */
        private boolean trackStructure(String line) {
            Matcher header = STEP_HEADER.matcher(line);
            if (header.matches()) {
                step = "Run " + header.group(1).strip();
                stepStartLine = lineNumber;
                inStepHeader = true;
                script.clear();
                script.add(header.group(1));
                pendingHeadline = null;
                return true;
            }
            if (inStepHeader) {
                if (line.startsWith("##[endgroup]")) {
                    inStepHeader = false;
                } else if (line.startsWith("shell: ")) {
                    shellOs = line.toLowerCase(Locale.ROOT).contains("pwsh.exe")
                            || line.toLowerCase(Locale.ROOT).contains("powershell.exe")
                            || line.contains("cmd.exe") ? Os.WINDOWS : shellOs;
                } else if (!line.startsWith("  ") && !line.equals("env:")) {
                    script.add(line);
                }
                return true;
            }
            Matcher image = IMAGE.matcher(line);
            if (step == null && image.find()) {
                imageOs = osOfImage(image.group(1));
            }
            return false;
        }

        private void record(Kind kind, int line, List<String> evidenceLines, String errorLine) {
            String path = pathOf(errorLine);
            for (Finding earlier : findings) {
                if (earlier.kind() == kind && sameText(earlier.step(), step) && sameText(earlier.path(), path)) {
                    return;
                }
            }
            Os os = osOf(path);
            List<String> evidence = evidenceLines.stream().map(PipPermissionDetector::capped).toList();
            findings.add(new Finding(kind, causeOf(kind, path), line, step,
                    step == null ? 0 : line - stepStartLine + 1, pipCommand(), path, os, evidence));
        }

        private Os osOf(String path) {
            if (imageOs != Os.UNKNOWN) {
                return imageOs;
            }
            if (path != null) {
                if (path.matches("(?i)^[a-z]:\\\\.*")) {
                    return Os.WINDOWS;
                }
                if (path.startsWith("/Users/") || path.startsWith("/Library/")
                        || path.startsWith("/System/Library/")) {
                    return Os.MACOS;
                }
                if (path.startsWith("/")) {
                    return shellOs == Os.WINDOWS ? Os.WINDOWS : Os.LINUX;
                }
            }
            return shellOs;
        }

        private String pipCommand() {
            for (int i = script.size() - 1; i >= 0; i--) {
                String candidate = script.get(i).strip();
                if (candidate.matches(".*\\bpip3?(?:\\.exe)?\\b.*\\binstall\\b.*")) {
                    return candidate;
                }
            }
            return null;
        }

        @Override
        public List<Finding> finish() {
            return List.copyOf(findings);
        }
    }

    private static Kind kindOf(String text) {
        if (ERRNO_13.matcher(text).find()) {
            return Kind.PERMISSION_DENIED;
        }
        if (WIN_ERROR_5.matcher(text).find()) {
            return Kind.ACCESS_DENIED;
        }
        return null;
    }

    private static Cause causeOf(Kind kind, String path) {
        if (path == null) {
            return Cause.UNKNOWN;
        }
        String lower = path.toLowerCase(Locale.ROOT).replace("\\\\", "\\");
        if (kind == Kind.ACCESS_DENIED
                && (lower.endsWith("\\pip.exe") || lower.contains("\\~ip") || lower.contains("pip-uninstall-"))) {
            return Cause.PIP_SELF_UPGRADE;
        }
        if (lower.matches("^/usr/(local/)?lib/python[0-9.]*/.*")
                || lower.startsWith("/library/frameworks/python.framework/")
                || lower.startsWith("/system/library/frameworks/python.framework/")
                || lower.startsWith("/library/python/")) {
            return Cause.SYSTEM_SITE_PACKAGES;
        }
        return Cause.UNKNOWN;
    }

    private static String pathOf(String errorLine) {
        Matcher matcher = QUOTED_PATH.matcher(errorLine);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static Os osOfImage(String image) {
        String lower = image.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ubuntu")) {
            return Os.LINUX;
        }
        if (lower.startsWith("windows") || lower.startsWith("win")) {
            return Os.WINDOWS;
        }
        if (lower.startsWith("macos")) {
            return Os.MACOS;
        }
        return Os.UNKNOWN;
    }

    private static boolean sameText(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static String capped(String line) {
        return line.length() <= MAX_EVIDENCE_CHARS ? line : line.substring(0, MAX_EVIDENCE_CHARS) + " …";
    }
}
