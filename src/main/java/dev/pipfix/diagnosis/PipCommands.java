package dev.pipfix.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises pip invocations in scripts and traces: {@code pip3 install}, {@code python -m pip install}, sudo. */
final class PipCommands {

    /** pip, pip3, pip3.12, pip.exe, or any python interpreter with -m pip, then install or uninstall. */
    private static final Pattern PIP_INSTALL = Pattern.compile(
            "(?:^|[\\s;&|(`'\"])(?:\\S*[/\\\\])?(?:pip[0-9.]*(?:\\.exe)?|(?:python|py)[0-9.]*(?:\\.exe)?(?:\\s+-[A-Za-z0-9]+)*"
                    + "\\s+-m\\s+pip)\\s+(?:[^\\s;&|]+\\s+)*?(?:install|uninstall)\\b"
                    + "|(?:^|[\\s;&|(`'\"])(?:\\S*[/\\\\])?uv\\s+(?:pip\\s+(?:install|sync)|sync|add|tool\\s+install)\\b"
                    + "|(?:^|[\\s;&|(`'\"])poetry\\s+(?:install|add|sync|update)\\b"
                    + "|(?:^|[\\s;&|(`'\"])pipx\\s+(?:install|inject|upgrade|reinstall)\\b");

    private static final Pattern SUDO = Pattern.compile("(?:^|[\\s;&|(])sudo\\s");
    private static final Pattern SELF_UPGRADE = Pattern.compile(
            "\\binstall\\b.*(?:-U|--upgrade)\\b.*(?:\\s|^)pip(?:\\s|$|==|>=)|\\binstall\\b.*(?:\\s)pip(?:\\s|$).*(?:-U|--upgrade)\\b");
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

    static boolean upgradesPip(String command) {
        return command != null && SELF_UPGRADE.matcher(command).find();
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
