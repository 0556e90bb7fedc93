package dev.pipfix.workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * Where pip and its flags stand on one line of a script, found in passes over the line that never go back more
 * than a word. The line is a fork's text: the regular expressions these replace retried the rest of the line for
 * every {@code install} in it, quadratic or worse on a long line.
 */
final class CommandWords {

    /** Where a word was found: its first offset and the offset just past it. */
    record Span(int start, int end) {}

    private static final String INSTALL = "install";

    private CommandWords() {}

    /**
     * Each {@code install} that a pip command runs ({@code pip install}, {@code pip3.12 install},
     * {@code /usr/bin/pip install}, {@code python -m pip install}, {@code pip.exe install}): past its end is where a
     * flag of pip's install goes.
     */
    static List<Span> pipInstalls(String line) {
        List<Span> installs = new ArrayList<>();
        for (int at = line.indexOf(INSTALL); at >= 0; at = line.indexOf(INSTALL, at + 1)) {
            int end = at + INSTALL.length();
            if (at > 0 && space(line.charAt(at - 1)) && boundary(line, end)) {
                int wordEnd = at;
                while (wordEnd > 0 && space(line.charAt(wordEnd - 1))) {
                    wordEnd--;
                }
                if (endsWithPipWord(line, wordEnd)) {
                    installs.add(new Span(at, end));
                }
            }
        }
        return installs;
    }

    /** Whether the line runs pip's install. */
    static boolean runsPipInstall(String line) {
        return line.contains("pip") && !pipInstalls(line).isEmpty();
    }

    /**
     * Whether a script installs uv with pip ({@code pip install uv}, {@code python -m pip install -U uv==0.5.1}):
     * before such a step, uv is not there to run. Read word by word after each pip install, within its command.
     */
    static boolean installsUvWithPip(String script) {
        if (script == null || !script.contains("uv")) {
            return false;
        }
        for (String line : script.split("\n", -1)) {
            if (line.length() > CommandEdits.MAX_LINE_CHARS) {
                continue;
            }
            for (Span install : pipInstalls(line)) {
                int at = install.end();
                // the words of this pip command, up to the end of the command
                while (at < line.length() && ";&|".indexOf(line.charAt(at)) < 0) {
                    while (at < line.length() && space(line.charAt(at))) {
                        at++;
                    }
                    int end = at;
                    while (end < line.length() && !space(line.charAt(end)) && ";&|".indexOf(line.charAt(end)) < 0) {
                        end++;
                    }
                    String word = line.substring(at, end).replace("\"", "").replace("'", "");
                    if (word.equals("uv") || word.matches("uv[=<>~!\\[].*")) {
                        return true;
                    }
                    if (end == at) {
                        break;
                    }
                    at = end;
                }
            }
        }
        return false;
    }

    /** Debian's packages of Python itself and its tools, which give a later step no module to import. */
    private static final java.util.Set<String> NOT_MODULES =
            java.util.Set.of("python3-venv", "python3-pip", "python3-dev", "python3-full", "python3-minimal");

    /**
     * Whether a script installs Python modules with apt ({@code apt-get install -y python3-pytest}): a virtual
     * environment hides them unless it is made with {@code --system-site-packages}.
     */
    static boolean aptInstallsPythonModules(String script) {
        if (script == null || !script.contains("python3-") || !script.contains("apt")) {
            return false;
        }
        // an apt-get line continued with backslashes is one command
        for (String line : script.replace("\\\n", " ").split("\n", -1)) {
            if (line.length() > CommandEdits.MAX_LINE_CHARS || !line.contains("install")) {
                continue;
            }
            boolean apt = false;
            for (String word : line.strip().split("[ \t]+")) {
                if (word.equals("apt-get")
                        || word.equals("apt")
                        || word.endsWith("/apt-get")
                        || word.endsWith("/apt")) {
                    apt = true;
                } else if (word.equals("&&") || word.equals(";") || word.equals("||")) {
                    apt = false;
                } else if (apt && word.startsWith("python3-") && !NOT_MODULES.contains(word.replaceAll("[=:].*", ""))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Each {@code install} that stands as a word of its own. */
    static List<Span> installWords(String line) {
        List<Span> words = new ArrayList<>();
        for (int at = line.indexOf(INSTALL); at >= 0; at = line.indexOf(INSTALL, at + 1)) {
            int end = at + INSTALL.length();
            if ((at == 0 || !wordChar(line.charAt(at - 1))) && boundary(line, end)) {
                words.add(new Span(at, end));
            }
        }
        return words;
    }

    /**
     * The line without each {@code flag} (a whitespace before it, a word boundary after it) that follows a trigger:
     * after a trigger the first such flag goes with the whitespace before it, then the search goes on past it for
     * the next trigger.
     *
     * @param triggers in order
     */
    static String withoutFlagAfter(String line, List<Span> triggers, String flag) {
        StringBuilder out = null;
        int copied = 0;
        for (Span trigger : triggers) {
            if (trigger.start() < copied) {
                continue;
            }
            int found = flagAt(line, flag, trigger.end());
            if (found < 0) {
                break;
            }
            if (out == null) {
                out = new StringBuilder(line.length());
            }
            out.append(line, copied, found - 1);
            copied = found + flag.length();
        }
        return out == null ? line : out.append(line, copied, line.length()).toString();
    }

    /** Whether a {@code flag} stands after offset {@code from}. */
    static boolean hasFlagAfter(String line, String flag, int from) {
        return flagAt(line, flag, from) >= 0;
    }

    /** The line with {@code text} inserted past the end of each span, in order. */
    static String insertAfter(String line, List<Span> spans, String text) {
        if (spans.isEmpty()) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length() + spans.size() * text.length());
        int copied = 0;
        for (Span span : spans) {
            out.append(line, copied, span.end()).append(text);
            copied = span.end();
        }
        return out.append(line, copied, line.length()).toString();
    }

    /**
     * pip (not {@code python -m pip}, not a path to pip) installing itself with {@code -U} or {@code --upgrade},
     * the flag and the {@code pip} argument in either order: each such pip word becomes {@code python -m pip}, as
     * pip.exe cannot replace itself on Windows.
     */
    static String pipUpgradingItselfAsModule(String line) {
        // the last flag and "pip" argument: one of each after an install means that install upgrades pip
        int lastFlag = Math.max(lastFlag(line, "-U"), lastFlag(line, "--upgrade"));
        int lastPipArgument = lastPipArgument(line);
        StringBuilder out = null;
        int copied = 0;
        for (int start = line.indexOf("pip"); start >= 0; start = line.indexOf("pip", start + 1)) {
            if (start < copied
                    || start > 0 && !commandSeparator(line.charAt(start - 1))
                    || afterModuleFlag(line, start)) {
                continue;
            }
            int wordEnd = pipWordEnd(line, start);
            if (wordEnd < 0) {
                continue;
            }
            int install = wordEnd;
            while (install < line.length() && space(line.charAt(install))) {
                install++;
            }
            int installEnd = install + INSTALL.length();
            if (install > wordEnd
                    && line.startsWith(INSTALL, install)
                    && boundary(line, installEnd)
                    && lastFlag >= installEnd
                    && lastPipArgument >= installEnd) {
                if (out == null) {
                    out = new StringBuilder(line.length() + 16);
                }
                out.append(line, copied, start).append("python -m pip");
                copied = wordEnd;
            }
        }
        return out == null ? line : out.append(line, copied, line.length()).toString();
    }

    /** {@code python -m pip}: pip is the module already. */
    private static boolean afterModuleFlag(String line, int start) {
        int end = start;
        while (end > 0 && space(line.charAt(end - 1))) {
            end--;
        }
        return end < start && end >= 2 && line.startsWith("-m", end - 2) && (end == 2 || space(line.charAt(end - 3)));
    }

    /** The first {@code flag} after a whitespace at or past {@code from}, ending at a word boundary; or -1. */
    private static int flagAt(String line, String flag, int from) {
        for (int at = line.indexOf(flag, from + 1); at >= 0; at = line.indexOf(flag, at + 1)) {
            if (space(line.charAt(at - 1)) && boundary(line, at + flag.length())) {
                return at;
            }
        }
        return -1;
    }

    /** The offset of the whitespace before the last {@code flag} that ends at a word boundary, or -1. */
    private static int lastFlag(String line, String flag) {
        for (int at = line.lastIndexOf(flag); at >= 1; at = line.lastIndexOf(flag, at - 1)) {
            if (space(line.charAt(at - 1)) && boundary(line, at + flag.length())) {
                return at - 1;
            }
        }
        return -1;
    }

    /** The offset of the whitespace before the last {@code pip} argument ({@code pip}, {@code pip==24.0}), or -1. */
    private static int lastPipArgument(String line) {
        for (int at = line.lastIndexOf("pip"); at >= 1; at = line.lastIndexOf("pip", at - 1)) {
            int end = at + 3;
            if (space(line.charAt(at - 1))
                    && (end == line.length() || space(line.charAt(end)) || "=<>~".indexOf(line.charAt(end)) >= 0)) {
                return at - 1;
            }
        }
        return -1;
    }

    /** The end of the word {@code pip[0-9.]*(.exe)?} starting at {@code start} and followed by a space, or -1. */
    private static int pipWordEnd(String line, int start) {
        int end = start + 3;
        while (end < line.length() && digitOrDot(line.charAt(end))) {
            end++;
        }
        if (line.startsWith("exe", end) && end > start + 3 && line.charAt(end - 1) == '.') {
            end += 3;
        }
        return end < line.length() && space(line.charAt(end)) ? end : -1;
    }

    /**
     * Whether the word ending at {@code end} is pip, {@code pip[0-9.]*(.exe)?}, standing after a separator, a
     * path's slash, or at the line's start.
     */
    private static boolean endsWithPipWord(String line, int end) {
        int e = end;
        if (e >= 4 && line.startsWith(".exe", e - 4)) {
            e -= 4;
        }
        while (e > 0 && digitOrDot(line.charAt(e - 1))) {
            e--;
        }
        if (e < 3 || !line.startsWith("pip", e - 3)) {
            return false;
        }
        int start = e - 3;
        return start == 0
                || commandSeparator(line.charAt(start - 1))
                || line.charAt(start - 1) == '/'
                || line.charAt(start - 1) == '\\';
    }

    private static boolean digitOrDot(char c) {
        return c >= '0' && c <= '9' || c == '.';
    }

    /** Where a command may start: the line's start or after one of these. */
    private static boolean commandSeparator(char c) {
        return space(c) || ";&|(\"'".indexOf(c) >= 0;
    }

    /** A regular expression's {@code \s}. */
    static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** A regular expression's {@code \b} after a word that ends in a word character (Java 17's {@code \w}). */
    static boolean boundary(String line, int at) {
        return at >= line.length() || !wordChar(line.charAt(at));
    }

    private static boolean wordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
