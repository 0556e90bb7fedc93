package dev.pipfix.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises pip invocations in scripts and traces: {@code pip3 install}, {@code python -m pip install}, sudo. */
final class PipCommands {

    /**
     * pip, pip3, pip3.12, pip.exe, or any python interpreter with -m pip, then install or uninstall. A path before
     * the command stops at a separator: a later start would match the rest anyway, and a prefix that ran through
     * them made every {@code (} of a long word rescan the word. At most eight words (pip's global options) stand
     * between pip and install: a lazy run of any number made {@code pip pip pip ...} quadratic.
     */
    private static final Pattern PIP_INSTALL = Pattern.compile(
            "(?:^|[\\s;&|(`'\"])(?:[^\\s;&|(`'\"]*[/\\\\])?(?:pip[0-9.]*(?:\\.exe)?|(?:python|py)[0-9.]*(?:\\.exe)?(?:\\s+-[A-Za-z0-9]+)*"
                    + "\\s+-m\\s+pip)\\s+(?:[^\\s;&|]+\\s+){0,8}?(?:install|uninstall)\\b"
                    + "|(?:^|[\\s;&|(`'\"])(?:[^\\s;&|(`'\"]*[/\\\\])?uv\\s+(?:pip\\s+(?:install|sync)|sync|add|tool\\s+install)\\b"
                    + "|(?:^|[\\s;&|(`'\"])poetry\\s+(?:install|add|sync|update)\\b"
                    + "|(?:^|[\\s;&|(`'\"])pipx\\s+(?:install|inject|upgrade|reinstall)\\b");

    private static final Pattern SUDO = Pattern.compile("(?:^|[\\s;&|(])sudo\\s");
    private static final int MAX_COMMAND_CHARS = 500;

    private PipCommands() {}

    static boolean isPipInstall(String line) {
        return line.length() <= 4 * MAX_COMMAND_CHARS
                && (line.contains("pip") || line.contains("uv") || line.contains("poetry"))
                && PIP_INSTALL.matcher(line).find();
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
