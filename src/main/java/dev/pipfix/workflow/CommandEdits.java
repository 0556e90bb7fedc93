package dev.pipfix.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits inside the failing step's script, line by line, that never add or remove a line. */
final class CommandEdits {

    /** {@code sudo}, {@code sudo -H}, {@code sudo -E} or {@code --preserve-env} right before a pip or uv invocation. */
    private static final Pattern SUDO_BEFORE_PIP =
            Pattern.compile("(^|[\\s;&|(\"'])sudo(?:\\s+(?:-[HEs]+|--preserve-env(?:=\\S+)?))*\\s+"
                    + "(?=(?:\\S*[/\\\\])?(?:pip[0-9.]*|python[0-9.]*\\s+-m\\s+pip|uv\\s+pip)(?:\\s|$))");
    /** uv's pip interface installing: what uv's {@code --system} follows. */
    private static final Pattern UV_PIP_INSTALL = Pattern.compile("\\buv\\s+pip\\s+(?:install|sync)\\b");

    private static final Pattern UV_INSTALL =
            Pattern.compile("(\\buv\\s+(?:pip\\s+(?:install|sync)|sync|add|tool\\s+install))\\b");

    /** Longer lines are left as they are: no command pipfix edits comes near it, and a line is a fork's text. */
    static final int MAX_LINE_CHARS = 16_384;

    private CommandEdits() {}

    /**
     * Inside a virtual environment sudo would bypass it, {@code --user} is refused, and uv's {@code --system} would
     * install past it into the system Python again.
     */
    static String forVenv(String script) {
        return eachLine(script, line -> {
            if (!isPip(line)) {
                return line;
            }
            String edited = SUDO_BEFORE_PIP.matcher(line).replaceAll("$1");
            edited = withoutUvSystemFlag(edited);
            return CommandWords.withoutFlagAfter(edited, CommandWords.installWords(edited), "--user");
        });
    }

    /** Into the user's site directory: {@code --user} added where missing, {@code sudo} dropped. */
    static String userSite(String script) {
        return eachLine(script, line -> {
            if (!isPip(line)) {
                return line;
            }
            String edited = SUDO_BEFORE_PIP.matcher(line).replaceAll("$1");
            List<CommandWords.Span> installs = CommandWords.installWords(edited);
            return !installs.isEmpty()
                            && CommandWords.hasFlagAfter(
                                    edited, "--user", installs.get(0).end())
                    ? edited
                    : CommandWords.insertAfter(edited, CommandWords.pipInstalls(edited), " --user");
        });
    }

    /** {@code --user} dropped from each pip install: for a Python that has no user site. */
    static String withoutUser(String script) {
        return eachLine(
                script,
                line -> isPip(line)
                        ? CommandWords.withoutFlagAfter(line, CommandWords.installWords(line), "--user")
                        : line);
    }

    static String pythonMPip(String script) {
        return eachLine(script, CommandWords::pipUpgradingItselfAsModule);
    }

    /**
     * Each line that pip-installs only applications ({@link Applications}) becomes {@code pipx install} of them:
     * {@code sudo pip install --user poetry==1.8.3} is {@code pipx install poetry==1.8.3}.
     */
    static String pipx(String script) {
        return eachLine(script, line -> {
            if (Applications.installedBy(line.strip()).isEmpty()) {
                return line;
            }
            Matcher matcher = Applications.PIP_INSTALL_LINE.matcher(line);
            if (!matcher.matches()) {
                return line;
            }
            return matcher.group(1) + "pipx install " + matcher.group(3).strip();
        });
    }

    /**
     * uv's {@code --system} dropped, where the environment comes from setup-uv's activation: nothing else in the
     * script changes.
     */
    static String withoutUvSystem(String script) {
        return eachLine(script, CommandEdits::withoutUvSystemFlag);
    }

    /** pip's {@code --no-cache-dir}, and uv's {@code --no-cache} on uv's installs. */
    static String noCacheDir(String script) {
        return eachLine(script, line -> {
            if (UV_INSTALL.matcher(line).find()) {
                return line.contains("--no-cache")
                        ? line
                        : UV_INSTALL.matcher(line).replaceAll("$1 --no-cache");
            }
            return line.contains("--no-cache-dir")
                    ? line
                    : CommandWords.insertAfter(line, CommandWords.pipInstalls(line), " --no-cache-dir");
        });
    }

    private static boolean isPip(String line) {
        return CommandWords.runsPipInstall(line);
    }

    private static String withoutUvSystemFlag(String line) {
        List<CommandWords.Span> installs = new ArrayList<>();
        Matcher uv = UV_PIP_INSTALL.matcher(line);
        while (uv.find()) {
            installs.add(new CommandWords.Span(uv.start(), uv.end()));
        }
        return CommandWords.withoutFlagAfter(line, installs, "--system");
    }

    private static String eachLine(String script, java.util.function.UnaryOperator<String> edit) {
        String[] lines = script.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].length() > MAX_LINE_CHARS ? lines[i] : edit.apply(lines[i]);
        }
        return String.join("\n", lines);
    }
}
