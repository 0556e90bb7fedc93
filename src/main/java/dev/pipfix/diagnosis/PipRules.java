package dev.pipfix.diagnosis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pip's words: its headline ({@code ERROR: Could not install packages due to an OSError: [Errno 13] ...}) and the
 * error code it carries or that the lines below it carry, PEP 668's refusal, its refusal to replace a package it did
 * not install, its refusal of a user install, and on Windows its refusal to modify itself. A bare {@code [Errno 13]}
 * counts only where pip is known to be the one failing: on its headline, below it, in a traceback through its code,
 * or under its build of a package.
 */
final class PipRules implements Rules {

    /** How far below pip's headline its errno or traceback may come. */
    private static final int HEADLINE_REACH = 60;
    /** How many lines a wrapped tuple list may run on for before its first error code. */
    private static final int TUPLE_REACH = 20;
    /** How far below pip's {@code error: uninstall-...} its lines come. */
    private static final int UNINSTALL_REACH = 8;

    private static final Pattern HEADLINE =
            Pattern.compile("^(?:ERROR: )?Could not install packages due to an? (?:OSError|EnvironmentError)(.*)$");
    /** pip's headline soft-wrapped before the exception's name, which then opens the next line. */
    private static final Pattern HEADLINE_WRAPPED =
            Pattern.compile("^(?:ERROR: )?Could not install packages due to an?$");
    /** pip's refusal of a user install (pip 25.3 added the second reason). */
    private static final Pattern USER_REFUSED = Pattern.compile("^(?:ERROR: )?Can not perform a '--user' install\\. "
            + "User site-packages are (?:not visible in this virtualenv|disabled for this Python)\\.");
    /** pip 20 to 23.1: one line; the hint names the installer when it was not pip. */
    private static final Pattern NO_RECORD_LINE = Pattern.compile(
            "^(?:ERROR: )?Cannot uninstall (.+?), RECORD file not found\\. Hint: The package was installed by ([^.]+)\\.");
    /** pip 20 to 23.0, and Debian's pip 24.0: the one-line form, its hint on the same line or the next. */
    private static final Pattern NO_RECORD_BARE =
            Pattern.compile("^(?:ERROR: )?Cannot uninstall (.+?), RECORD file not found\\.$");
    /** pip 10 to 23.1: a distutils install (an OS package, a conda base environment). */
    private static final Pattern DISTUTILS_LINE =
            Pattern.compile("^(?:ERROR: )?Cannot uninstall '(.+?)'\\. It is a distutils installed project");
    /** pip's line naming where it found a requirement: a package in a distribution's own directory, or not. */
    private static final String SATISFIED = "Requirement already satisfied: ";
    /** The distribution's own site directories (Debian's, Fedora's), as pip names them after {@code " in "}. */
    private static final List<String> DISTRO_SITES =
            List.of(" in /usr/lib/python3/dist-packages", " in /usr/lib/python3.", " in /usr/lib64/python3.");
    /** Packages remembered as the distribution's: more says nothing new. */
    private static final int MAX_DISTRO_PACKAGES = 1_000;

    private long headlineLine = -1;
    private String headlineText;
    /** pip's old headline quoted a list of {@code (src, dst, "[Errno 1] ...")} tuples, which may wrap over lines. */
    private boolean headlineTuples;

    private Candidate lastPep668;
    /** pip's {@code error: uninstall-no-record-file} (or its distutils twin), until its hint says who installed it. */
    private long uninstallLine = -1;

    private boolean uninstallDistutils;
    private final List<String> uninstallEvidence = new ArrayList<>();
    /** The package the uninstall block names, for its hint to be weighed against {@link #distroPackages}. */
    private String uninstallPackage;
    /** Packages pip found in a distribution's own site directory, by normalised name. */
    private final Set<String> distroPackages = new HashSet<>();

    @Override
    public void stepStarted() {
        headlineLine = -1;
    }

    @Override
    public boolean read(OutputLine line, LogContext log) {
        String content = line.content;
        long number = line.number;
        if (content.startsWith(SATISFIED)) {
            // a line pip prints for every requirement a job already has: read without a regular expression
            satisfied(content);
            return true;
        }
        // a regular expression only where its literal start is: every line of a pasted log comes here
        boolean couldNotInstall =
                content.startsWith("ERROR: Could not install") || content.startsWith("Could not install");
        if (couldNotInstall && HEADLINE_WRAPPED.matcher(content).matches()) {
            headlineLine = number;
            headlineText = content;
            headlineTuples = false;
            return true;
        }
        if ((content.startsWith("ERROR: Can not") || content.startsWith("Can not"))
                && USER_REFUSED.matcher(content).lookingAt()) {
            log.record(Kind.USER_INSTALL_REFUSED, number, null, List.of(content));
            return true;
        }
        if (couldNotInstall && headline(line, log)) {
            return true;
        }
        if (headlineTuples
                && LogContext.within(headlineLine, number, TUPLE_REACH)
                && tupleError(number, content, content, log)) {
            return true;
        }
        if (content.startsWith("ERROR: To modify pip, please run the following command")) {
            // pip 19.3 on, on Windows: it refuses up front what [WinError 5] on pip.exe used to report
            Candidate refused = log.record(Kind.ACCESS_DENIED, number, null, List.of(content));
            refused.statedCause = Optional.of(Cause.PIP_SELF_UPGRADE);
            return true;
        }
        if (uninstall(line, log)) {
            return true;
        }
        if (startsIgnoringCase(content, "error: externally-managed-environment")) {
            lastPep668 = log.record(Kind.EXTERNALLY_MANAGED_ENVIRONMENT, number, null, List.of(content));
            return true;
        }
        if (content.startsWith("× This environment is externally managed") || content.startsWith("╰─>")) {
            pep668Detail(number, content, log);
            return true;
        }
        Optional<ErrorCode> code = line.exceptionError();
        if (code.isPresent() && inPipContext(line, log)) {
            List<String> evidence = LogContext.within(headlineLine, number, HEADLINE_REACH)
                    ? List.of(headlineText, content)
                    : List.of(content);
            log.record(code.get(), line, evidence);
            return true;
        }
        return false;
    }

    /** The headline, with its code, or waiting for it on the lines below. */
    private boolean headline(OutputLine line, LogContext log) {
        Matcher headline = HEADLINE.matcher(line.content);
        if (!headline.matches()) {
            return false;
        }
        String content = line.content;
        String rest = headline.group(1);
        ErrorCode code = rest.startsWith(":") ? ErrorCode.at(rest, 1) : null;
        if (code != null) {
            if (code.kind() != null) {
                int messageFrom = content.length() - rest.length() + code.end();
                log.record(code.kind(), line.number, ErrorPaths.after(content, messageFrom), List.of(content));
            }
            headlineLine = -1;
        } else if (rest.startsWith(": [")) {
            // shutil.Error's list of (source, destination, error) tuples: the first error with a code counts
            headlineLine = line.number;
            headlineText = content;
            headlineTuples = true;
            tupleError(line.number, content, rest, log);
        } else if (rest.isBlank() || rest.strip().equals(".") || rest.strip().equals(":")) {
            headlineLine = line.number;
            headlineText = content;
            headlineTuples = false;
        } else {
            headlineLine = -1;
        }
        return true;
    }

    private boolean inPipContext(OutputLine line, LogContext log) {
        long number = line.number;
        boolean distutilsError = line.content.startsWith("error: [");
        return log.inBuildBlock(number) && distutilsError
                || LogContext.within(headlineLine, number, HEADLINE_REACH)
                || log.inPipTraceback(number)
                || log.inSetupPyInstall(number) && distutilsError;
    }

    /**
     * The first {@code "[Errno N] ..."} in a headline's tuple list (or a line it wrapped onto); the path is the error's
     * own, the file the OS refused.
     *
     * @return whether a finding was recorded
     */
    private boolean tupleError(long number, String content, String text, LogContext log) {
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
        log.record(code.kind(), headlineLine, ErrorPaths.after(text, code.end()), evidence);
        headlineTuples = false;
        headlineLine = -1;
        return true;
    }

    /**
     * pip refusing to replace a package it did not install. Since pip 23.1 a block: {@code error:
     * uninstall-no-record-file}, {@code × Cannot uninstall X}, {@code ╰─> ... no RECORD file ...}, then a hint naming
     * the installer (a package pip installed itself without a RECORD file is a broken install, not this); before that
     * one line, its hint on the same line or (Debian's pip 24.0) the next. The distutils form has no hint: something
     * other than pip installed it. pip's own hint ("recover via --ignore-installed", since pip 26.1) names no
     * installer: the package counts as the distribution's when pip said so earlier in the log.
     *
     * @return whether the line was one of these
     */
    private boolean uninstall(OutputLine line, LogContext log) {
        String content = line.content;
        long number = line.number;
        if (startsIgnoringCase(content, "error: uninstall-no-record-file")
                || startsIgnoringCase(content, "error: uninstall-distutils-installed-package")) {
            startUninstall(number, content, null);
            uninstallDistutils = startsIgnoringCase(content, "error: uninstall-distutils");
            return true;
        }
        if (LogContext.within(uninstallLine, number, UNINSTALL_REACH)) {
            if (content.startsWith("× Cannot uninstall ") || content.startsWith("╰─>")) {
                if (content.startsWith("× Cannot uninstall ")) {
                    uninstallPackage = packageName(content.substring("× Cannot uninstall ".length()));
                }
                uninstallEvidence.add(content);
                if (uninstallDistutils && content.startsWith("╰─>")) {
                    log.record(Kind.CANNOT_UNINSTALL, uninstallLine, null, uninstallEvidence);
                    uninstallLine = -1;
                }
                return true;
            }
            if (startsIgnoringCase(content, "hint: the package was installed by ")) {
                String installer = content.substring("hint: The package was installed by ".length())
                        .replaceFirst("[.].*", "")
                        .strip();
                if (!installer.equalsIgnoreCase("pip")) {
                    uninstallEvidence.add(content);
                    log.record(Kind.CANNOT_UNINSTALL, uninstallLine, null, uninstallEvidence);
                }
                uninstallLine = -1;
                return true;
            }
            if (startsIgnoringCase(content, "hint: you might be able to recover from this via")) {
                if (uninstallPackage != null && distroPackages.contains(uninstallPackage)) {
                    uninstallEvidence.add(content);
                    log.record(Kind.CANNOT_UNINSTALL, uninstallLine, null, uninstallEvidence);
                }
                uninstallLine = -1;
                return true;
            }
        }
        if (!content.startsWith("ERROR: Cannot uninstall") && !content.startsWith("Cannot uninstall")) {
            return false;
        }
        Matcher bare = NO_RECORD_BARE.matcher(content);
        if (bare.matches()) {
            startUninstall(number, content, packageName(bare.group(1)));
            uninstallDistutils = false;
            return true;
        }
        Matcher noRecord = NO_RECORD_LINE.matcher(content);
        if (noRecord.lookingAt() && !noRecord.group(2).strip().equalsIgnoreCase("pip")) {
            log.record(Kind.CANNOT_UNINSTALL, number, null, List.of(content));
            return true;
        }
        if (DISTUTILS_LINE.matcher(content).lookingAt()) {
            log.record(Kind.CANNOT_UNINSTALL, number, null, List.of(content));
            return true;
        }
        return false;
    }

    /** {@code Requirement already satisfied: blinker in /usr/lib/python3/dist-packages (1.4)}: the distribution's. */
    private void satisfied(String content) {
        if (distroPackages.size() >= MAX_DISTRO_PACKAGES
                || DISTRO_SITES.stream().noneMatch(content::contains)) {
            return;
        }
        int from = SATISFIED.length();
        int to = from;
        while (to < content.length() && to - from < 100 && isNameChar(content.charAt(to))) {
            to++;
        }
        if (to > from) {
            distroPackages.add(normalisedName(content.substring(from, to)));
        }
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }

    private static boolean startsIgnoringCase(String content, String start) {
        return content.regionMatches(true, 0, start, 0, start.length());
    }

    private void startUninstall(long number, String content, String packageName) {
        uninstallLine = number;
        uninstallPackage = packageName;
        uninstallEvidence.clear();
        uninstallEvidence.add(content);
    }

    private void pep668Detail(long number, String content, LogContext log) {
        if (lastPep668 != null && number - lastPep668.line <= 4) {
            lastPep668.addEvidence(content);
        } else if (content.startsWith("×")) {
            lastPep668 = log.record(Kind.EXTERNALLY_MANAGED_ENVIRONMENT, number, null, List.of(content));
        }
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
}
