package dev.pipfix.workflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Edits inside the failing step's script, line by line, that never add or remove a line. */
final class CommandEdits {

    /** {@code sudo}, {@code sudo -H}, {@code sudo -E} or {@code --preserve-env} right before a pip or uv invocation. */
    private static final Pattern SUDO_BEFORE_PIP =
            Pattern.compile("(^|[\\s;&|(\"'])sudo(?:\\s+(?:-[HEs]+|--preserve-env(?:=\\S+)?))*\\s+"
                    + "(?=(?:\\S*[/\\\\])?(?:pip[0-9.]*|python[0-9.]*\\s+-m\\s+pip|uv\\s+pip)(?:\\s|$))");
    /** uv's {@code --system}: it makes uv pass over the virtual environment {@code VIRTUAL_ENV} names. */
    private static final Pattern UV_SYSTEM_FLAG =
            Pattern.compile("(\\buv\\s+pip\\s+(?:install|sync)\\b[^\\n]*?)\\s--system\\b");

    private static final Pattern UV_INSTALL =
            Pattern.compile("(\\buv\\s+(?:pip\\s+(?:install|sync)|sync|add|tool\\s+install))\\b");

    private static final Pattern PIP_INSTALL = Pattern.compile(
            "((?:^|[\\s;&|(\"'])(?:\\S*[/\\\\])?(?:pip[0-9.]*(?:\\.exe)?|(?:python|py)[0-9.]*(?:\\.exe)?\\s+-m\\s+pip)"
                    + "\\s+install)\\b");
    private static final Pattern USER_FLAG = Pattern.compile("(\\binstall\\b[^\\n]*?)\\s--user\\b");
    /** pip (not python -m pip) installing itself with -U or --upgrade. */
    private static final Pattern PIP_UPGRADES_ITSELF = Pattern.compile(
            "(^|[\\s;&|(\"'])(pip[0-9.]*(?:\\.exe)?)(?=\\s+install\\b.*(?:\\s-U\\b|\\s--upgrade\\b).*(?:\\s)pip(?:\\s|$|[=<>~]))"
                    + "|(^|[\\s;&|(\"'])(pip[0-9.]*(?:\\.exe)?)(?=\\s+install\\b.*\\spip(?:\\s|$).*(?:\\s-U\\b|\\s--upgrade\\b))");

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
            edited = UV_SYSTEM_FLAG.matcher(edited).replaceAll("$1");
            return USER_FLAG.matcher(edited).replaceAll("$1");
        });
    }

    /** Into the user's site directory: {@code --user} added where missing, {@code sudo} dropped. */
    static String userSite(String script) {
        return eachLine(script, line -> {
            if (!isPip(line)) {
                return line;
            }
            String edited = SUDO_BEFORE_PIP.matcher(line).replaceAll("$1");
            return USER_FLAG.matcher(edited).find()
                    ? edited
                    : PIP_INSTALL.matcher(edited).replaceAll("$1 --user");
        });
    }

    static String pythonMPip(String script) {
        return eachLine(script, line -> {
            Matcher matcher = PIP_UPGRADES_ITSELF.matcher(line);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String lead = matcher.group(1) != null ? matcher.group(1) : matcher.group(3);
                matcher.appendReplacement(out, Matcher.quoteReplacement(lead + "python -m pip"));
            }
            matcher.appendTail(out);
            return out.toString();
        });
    }

    /**
     * Each line that pip-installs only applications ({@link Applications}) becomes {@code pipx install} of them:
     * {@code sudo pip install --user poetry==1.8.3} is {@code pipx install poetry==1.8.3}.
     */
    static String pipx(String script) {
        return eachLine(script, line -> {
            Matcher matcher = Applications.PIP_INSTALL_LINE.matcher(line);
            if (!matcher.matches() || Applications.installedBy(line.strip()).isEmpty()) {
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
        return eachLine(script, line -> UV_SYSTEM_FLAG.matcher(line).replaceAll("$1"));
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
                    : PIP_INSTALL.matcher(line).replaceAll("$1 --no-cache-dir");
        });
    }

    private static boolean isPip(String line) {
        return line.contains("pip") && PIP_INSTALL.matcher(line).find();
    }

    private static String eachLine(String script, java.util.function.UnaryOperator<String> edit) {
        String[] lines = script.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = edit.apply(lines[i]);
        }
        return String.join("\n", lines);
    }
}
