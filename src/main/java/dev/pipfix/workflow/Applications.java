package dev.pipfix.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line applications people pip-install into a job to run them, not to import them: each belongs in an
 * environment of its own, which is what {@code pipx install} gives it (pipx is on GitHub's hosted runners). A test
 * runner or linter that imports the project (pytest, mypy, pylint) is not one of them.
 */
public final class Applications {

    private static final Set<String> KNOWN = Set.of(
            "poetry",
            "pipenv",
            "tox",
            "nox",
            "pre-commit",
            "hatch",
            "pdm",
            "twine",
            "cibuildwheel",
            "ruff",
            "black",
            "isort",
            "codespell",
            "yamllint",
            "cookiecutter",
            "copier",
            "commitizen",
            "bump-my-version",
            "awscli");

    /** A pip install, with sudo and the flags a tool install carries: the packages follow. */
    static final Pattern PIP_INSTALL_LINE = Pattern.compile("^(\\s*)(?:sudo(?:\\s+-[HEs]+)*\\s+)?"
            + "(?:\\S*[/\\\\])?(?:pip[0-9.]*(?:\\.exe)?|(?:python|py)[0-9.]*(?:\\.exe)?\\s+-m\\s+pip)\\s+install"
            + "((?:\\s+(?:-U|--upgrade|--user|-q|--quiet|--no-cache-dir|--disable-pip-version-check))*)"
            + "((?:\\s+[A-Za-z0-9][A-Za-z0-9._-]*(?:[=<>~!]=?[A-Za-z0-9.*,<>=!~]+)?)+)\\s*$");

    /** A tool install is one short line; a longer one is not read (it is a fork's text). */
    private static final int MAX_COMMAND_CHARS = 1_000;

    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)");

    private Applications() {}

    /**
     * The packages of a single pip install when every one is a known application ({@code pip install poetry},
     * {@code python3 -m pip install --user tox==4.11 pre-commit}); empty otherwise, or when it reads requirements.
     */
    public static Optional<List<String>> installedBy(String command) {
        if (command == null || command.length() > MAX_COMMAND_CHARS || command.contains("\n")) {
            return Optional.empty();
        }
        Matcher line = PIP_INSTALL_LINE.matcher(command);
        if (!line.matches()) {
            return Optional.empty();
        }
        List<String> packages = new ArrayList<>();
        for (String spec : line.group(3).strip().split("\\s+")) {
            Matcher name = NAME.matcher(spec);
            if (!name.find()
                    || !KNOWN.contains(name.group(1).toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return Optional.empty();
            }
            packages.add(spec);
        }
        return packages.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(packages));
    }
}
