package dev.pipfix.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recognises pip invocations in scripts and traces: {@code pip3 install}, {@code python -m pip install}, sudo. */
final class PipCommands {

    private static final Pattern SUDO = Pattern.compile("(?:^|[\\s;&|(])sudo\\s");
    private static final int MAX_COMMAND_CHARS = 500;

    private PipCommands() {}

    /**
     * Whether the line runs an install: pip, pip3, pip3.12, pip.exe or any python with {@code -m pip} (a path before
     * any of them too), with at most eight words (pip's global options) before {@code install} or
     * {@code uninstall}; {@code uv pip install|sync}, {@code uv sync|add}, {@code uv tool install};
     * {@code poetry install|add|sync|update}; {@code pipx install|inject|upgrade|reinstall}. A command starts a word
     * or follows one of {@code ;&|(`'"}.
     *
     * <p>Read word by word, in one pass: a traced command is a fork's text, and the regular expression this replaces
     * tried four alternatives at every character (150 ns a character) and a lazy run of words at every {@code pip}.
     */
    static boolean isPipInstall(String line) {
        if (line.length() > 4 * MAX_COMMAND_CHARS
                || !(line.contains("pip") || line.contains("uv") || line.contains("poetry"))) {
            return false;
        }
        List<String> words = words(line);
        // once a word: whether it is install or uninstall, and whether it holds what ends a command
        boolean[] install = new boolean[words.size()];
        boolean[] ends = new boolean[words.size()];
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            install[w] = startsWithKeyword(word, "install") || startsWithKeyword(word, "uninstall");
            ends[w] = word.indexOf(';') >= 0 || word.indexOf('&') >= 0 || word.indexOf('|') >= 0;
        }
        for (int w = 0; w < words.size(); w++) {
            // a command substituted in quotes ends with them: sudo "$(which pip)" install
            String word = trimmedEnd(words.get(w));
            int lastSeparator = -1;
            for (int c = 0; c < word.length(); c++) {
                if (COMMAND_SEPARATORS.indexOf(word.charAt(c)) >= 0) {
                    lastSeparator = c;
                }
            }
            String tail = word.substring(lastSeparator + 1);
            int slash = Math.max(tail.lastIndexOf('/'), tail.lastIndexOf('\\'));
            String name = tail.substring(slash + 1);
            if (isName(name, "pip") && installWithin(install, ends, w + 1)) {
                return true;
            }
            if (isName(name, "python") || isName(name, "py")) {
                int next = w + 1;
                while (next + 1 < words.size() && isOption(words.get(next))) {
                    if (words.get(next).equals("-m")
                            && words.get(next + 1).equals("pip")
                            && installWithin(install, ends, next + 2)) {
                        return true;
                    }
                    next++;
                }
            }
            if (name.equals("uv") && uvInstalls(words, w + 1)) {
                return true;
            }
            if (slash < 0 && tail.equals("poetry") && startsWithAny(words, w + 1, "install", "add", "sync", "update")) {
                return true;
            }
            if (slash < 0
                    && tail.equals("pipx")
                    && startsWithAny(words, w + 1, "install", "inject", "upgrade", "reinstall")) {
                return true;
            }
        }
        return false;
    }

    /** The word without the closing parenthesis (and quotes) of a command substitution around it: {@code pip)"}. */
    private static String trimmedEnd(String word) {
        int end = word.length();
        boolean closes = false;
        while (end > 0 && ")\"'".indexOf(word.charAt(end - 1)) >= 0) {
            closes |= word.charAt(end - 1) == ')';
            end--;
        }
        return closes ? word.substring(0, end) : word;
    }

    /**
     * The directory an install was told to write to instead of the environment's: {@code --target DIR} ({@code -t}),
     * {@code --prefix DIR} or {@code --root DIR}, in either spelling ({@code --target=DIR}).
     */
    static Optional<String> installDirectory(String command) {
        if (command == null || !isPipInstall(command)) {
            return Optional.empty();
        }
        List<String> words = words(command);
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            for (String option : new String[] {"--target", "-t", "--prefix", "--root"}) {
                if (word.equals(option) && w + 1 < words.size()) {
                    return Optional.of(unquoted(words.get(w + 1)));
                }
                if (word.startsWith(option + "=") && option.startsWith("--")) {
                    return Optional.of(unquoted(word.substring(option.length() + 1)));
                }
            }
        }
        return Optional.empty();
    }

    private static String unquoted(String word) {
        return word.length() >= 2
                        && (word.startsWith("\"") && word.endsWith("\"") || word.startsWith("'") && word.endsWith("'"))
                ? word.substring(1, word.length() - 1)
                : word;
    }

    /** Where a command may start inside a word, besides its first character. */
    private static final String COMMAND_SEPARATORS = ";&|(`'\"";

    /** The line's words: runs of characters other than a regular expression's {@code \s}. */
    private static List<String> words(String line) {
        List<String> words = new java.util.ArrayList<>();
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean space = i == line.length() || isSpace(line.charAt(i));
            if (space && start >= 0) {
                words.add(line.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** {@code pip[0-9.]*(.exe)?} for {@code base} pip, and the same for python and py. */
    private static boolean isName(String name, String base) {
        if (!name.startsWith(base)) {
            return false;
        }
        String rest = name.substring(base.length());
        if (rest.endsWith(".exe") && onlyDigitsAndDots(rest.substring(0, rest.length() - 4))) {
            return true;
        }
        return onlyDigitsAndDots(rest);
    }

    private static boolean onlyDigitsAndDots(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** {@code -[A-Za-z0-9]+}: an interpreter's option before {@code -m}. */
    private static boolean isOption(String word) {
        if (word.length() < 2 || word.charAt(0) != '-') {
            return false;
        }
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@code install} or {@code uninstall} starts one of the nine words from {@code from}, the ones before it plain. */
    private static boolean installWithin(boolean[] install, boolean[] ends, int from) {
        for (int w = from; w < install.length && w <= from + 8; w++) {
            if (install[w]) {
                return true;
            }
            // a word before install cannot hold ; & or |, which end the command
            if (ends[w]) {
                return false;
            }
        }
        return false;
    }

    private static boolean uvInstalls(List<String> words, int at) {
        if (at >= words.size()) {
            return false;
        }
        String word = words.get(at);
        if (word.equals("pip")) {
            return startsWithAny(words, at + 1, "install", "sync");
        }
        if (word.equals("tool")) {
            return startsWithAny(words, at + 1, "install");
        }
        return startsWithKeyword(word, "sync") || startsWithKeyword(word, "add");
    }

    private static boolean startsWithAny(List<String> words, int at, String... keywords) {
        if (at >= words.size()) {
            return false;
        }
        for (String keyword : keywords) {
            if (startsWithKeyword(words.get(at), keyword)) {
                return true;
            }
        }
        return false;
    }

    /** The word starts with the keyword, and a regular expression's {@code \b} follows it. */
    private static boolean startsWithKeyword(String word, String keyword) {
        return word.startsWith(keyword)
                && (word.length() == keyword.length() || !isWordChar(word.charAt(keyword.length())));
    }

    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    static boolean usesSudo(String command) {
        return command != null && SUDO.matcher(command).find();
    }

    /**
     * An install that names pip and {@code -U} or {@code --upgrade}, in either order. Read with {@code indexOf}: the
     * two {@code .*} of a pattern for it made it cubic in the command's length.
     */
    static boolean upgradesPip(String command) {
        if (command == null) {
            return false;
        }
        int install = firstInstallEnd(command);
        if (install < 0) {
            return false;
        }
        // a flag, then "pip" as a word (or pinned with == or >=); or "pip" as a word, then a flag
        int firstFlagEnd = Integer.MAX_VALUE;
        int lastFlagStart = -1;
        for (String flag : List.of("-U", "--upgrade")) {
            for (int at = command.indexOf(flag, install); at >= 0; at = command.indexOf(flag, at + 1)) {
                if (wordEnds(command, at + flag.length())) {
                    firstFlagEnd = Math.min(firstFlagEnd, at + flag.length());
                    lastFlagStart = Math.max(lastFlagStart, at);
                }
            }
        }
        for (int at = command.indexOf("pip", install); at >= 0; at = command.indexOf("pip", at + 1)) {
            if (at == 0 || !Character.isWhitespace(command.charAt(at - 1))) {
                continue;
            }
            int end = at + 3;
            boolean alone = end == command.length() || Character.isWhitespace(command.charAt(end));
            boolean pinned = command.startsWith("==", end) || command.startsWith(">=", end);
            if ((alone || pinned) && at - 1 >= firstFlagEnd || alone && at - 1 >= install && end + 1 <= lastFlagStart) {
                return true;
            }
        }
        return false;
    }

    /** The end of the first {@code install} standing as a word, or -1. */
    private static int firstInstallEnd(String command) {
        for (int at = command.indexOf("install"); at >= 0; at = command.indexOf("install", at + 1)) {
            if ((at == 0 || !wordChar(command.charAt(at - 1))) && wordEnds(command, at + "install".length())) {
                return at + "install".length();
            }
        }
        return -1;
    }

    private static boolean wordEnds(String text, int at) {
        return at >= text.length() || !wordChar(text.charAt(at));
    }

    private static boolean wordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /**
     * The command of a script that most likely failed. With one pip command, that one. With several (the starter
     * workflow upgrades pip, then installs the project), the evidence decides: an error on pip's own files belongs
     * to the command upgrading pip, any other to the first command installing something else.
     */
    static String choose(List<String> script, String path, Installer installer) {
        List<String> all = script.stream()
                .map(String::strip)
                .filter(PipCommands::isPipInstall)
                .toList();
        // the installer that printed the error ran the command: uv's or Poetry's, not the pip that installed it
        List<String> theirs = installer == Installer.PIP
                ? all
                : all.stream()
                        .filter(line -> line.matches(".*\\b" + installer.command() + "\\s.*"))
                        .toList();
        List<String> commands = theirs.isEmpty() ? all : theirs;
        if (commands.isEmpty()) {
            return null;
        }
        if (commands.size() == 1) {
            return capped(commands.get(0));
        }
        boolean pipsOwnFile = path != null
                && Causes.isPipsOwnFile(path.toLowerCase(Locale.ROOT).replace('\\', '/'));
        for (String command : commands) {
            if (upgradesPip(command) == pipsOwnFile) {
                return capped(command);
            }
        }
        return capped(commands.get(0));
    }

    static String capped(String command) {
        String stripped = command.strip();
        return stripped.length() <= MAX_COMMAND_CHARS ? stripped : stripped.substring(0, MAX_COMMAND_CHARS) + " …";
    }
}
