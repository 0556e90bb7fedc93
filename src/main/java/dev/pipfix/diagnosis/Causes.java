package dev.pipfix.diagnosis;

import dev.pipfix.runner.RunnerOs;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names the cause from the evidence, most specific first: the kind, then what the path and the command show. Each
 * rule is the knowledge of where pip writes and who owns it on a CI runner.
 */
final class Causes {

    private static final Pattern DRIVE = Pattern.compile("^[a-z]:/.*");
    private static final Pattern PIP_OWN_FILE = Pattern.compile(
            ".*(?:/pip[0-9.]*\\.exe|/~ip[^/]*|/pip-uninstall-[^/]*(?:/.*)?|/scripts/pip[0-9.]*(?:\\.exe)?"
                    + "|/site-packages/pip/.*|/site-packages/pip-[0-9][^/]*\\.dist-info(?:/.*)?)$");
    private static final Pattern CACHE_OR_BUILD = Pattern.compile(
            ".*(?:/\\.cache/(?:pip|uv)(?:/|$)|/appdata/local/uv/cache(?:/|$)|/library/caches/pip(?:/|$)|/appdata/local/pip/cache(?:/|$)"
                    + "|/pip-(?:build|req-build|install|unpack|wheel|ephem-wheel-cache|record|req-tracker|target"
                    + "|build-env|modern-metadata|metadata)-[^/]*).*");
    /** What a package builds in its own source tree: relative to the checkout, or under the runner's workspace. */
    private static final Pattern SOURCE_TREE =
            Pattern.compile("^(?:\\./)?(?:build|dist)/.*|^(?:[^/:]+/){0,4}[^/]*\\.egg-info(?:/.*)?$"
                    + "|^(?:/home/runner/work|/__w|/github/workspace|[a-z]:/a|/users/runner/work)/.*"
                    + "/(?:build|[^/]*\\.egg-info)(?:/.*)?$");
    /** pip moves files it uninstalls to a stash first; the stashed path ends with the original one. */
    private static final Pattern UNINSTALL_STASH = Pattern.compile("^.*/pip-[^/]*-uninstall(/.+)$");

    /** pipx's own directories: its home (venvs, shared libraries, logs) and the bin directory it links apps into. */
    private static final Pattern PIPX_HOME = Pattern.compile(".*(?:/\\.local/share/pipx|/\\.local/pipx|/\\.local/bin"
            + "|/\\.local/state/pipx|/opt/pipx|/opt/pipx_bin|/program files(?: \\(x86\\))?/pipx(?:_bin)?"
            + "|/appdata/local/pipx)(?:/.*)?$");

    private static final Pattern TOOL_CACHE = Pattern.compile(".*(?:hostedtoolcache|/_work/_tool/|/_tool/python/).*");
    private static final Pattern USER_SITE = Pattern.compile(
            "^(?:/home/[^/]+|/root|/github/home|/users/[^/]+|/var/lib/[^/]+|/nonexistent|/tmp/home)?/\\.local(?:/.*)?$"
                    + "|^/users/[^/]+/library/python/.*|.*/appdata/roaming/python/.*|^/nonexistent(?:/.*)?$");
    private static final Pattern SYSTEM_SITE =
            Pattern.compile("^/usr/(?:local/)?(?:lib|lib64|bin|share|include)(?:/.*)?$"
                    + "|^/(?:system/)?library/frameworks/python\\.framework/.*|^/library/python/.*"
                    + "|^/system/library/.*|^/opt/homebrew/(?:lib|bin|cellar)/.*|^/usr/local/cellar/.*"
                    + "|^/opt/python/.*|^/opt/conda/.*|^c:/program files(?: \\(x86\\))?/python.*|^c:/python[0-9]+/.*");

    private Causes() {}

    /**
     * @param cacheWarning    pip warned that its cache is not the job user's
     * @param buildingInSource the error came from a package's own build in its source tree ({@code egg_info},
     *                         {@code develop}) and named no path
     */
    static Cause classify(
            Kind kind,
            Installer installer,
            String path,
            String command,
            RunnerOs os,
            boolean cacheWarning,
            boolean buildingInSource) {
        if (kind == Kind.NO_VIRTUAL_ENVIRONMENT) {
            return Cause.NO_ENVIRONMENT;
        }
        if (kind == Kind.EXTERNALLY_MANAGED_ENVIRONMENT) {
            return Cause.EXTERNALLY_MANAGED;
        }
        if (kind == Kind.READ_ONLY_FILESYSTEM) {
            return Cause.READ_ONLY;
        }
        if (kind == Kind.CANNOT_UNINSTALL) {
            return Cause.DISTRO_PACKAGE;
        }
        if (kind == Kind.USER_INSTALL_REFUSED) {
            return Cause.USER_SITE_UNAVAILABLE;
        }
        String p = path == null ? null : normalise(path);
        boolean windows =
                os == RunnerOs.WINDOWS || p != null && DRIVE.matcher(p).matches();
        if (windows
                && kind != Kind.OPERATION_NOT_PERMITTED
                && (p != null && isPipsOwnFile(p) || p == null && PipCommands.upgradesPip(command))) {
            return Cause.PIP_SELF_UPGRADE;
        }
        if (kind == Kind.FILE_IN_USE
                || kind == Kind.ACCESS_DENIED && p != null && (p.endsWith(".pyd") || p.endsWith(".dll"))) {
            return Cause.FILE_LOCKED;
        }
        if (PipCommands.usesSudo(command)) {
            return Cause.SUDO_PIP;
        }
        java.util.Optional<String> directory = PipCommands.installDirectory(command);
        if (directory.isPresent() && (p == null || within(p, normalise(directory.get())))) {
            return Cause.TARGET_DIRECTORY_UNWRITABLE;
        }
        if (p == null) {
            return cacheWarning
                    ? Cause.ROOT_OWNED_CACHE
                    : buildingInSource && kind == Kind.PERMISSION_DENIED ? Cause.SOURCE_TREE_UNWRITABLE : Cause.UNKNOWN;
        }
        java.util.regex.Matcher stash = UNINSTALL_STASH.matcher(p);
        if (stash.matches()) {
            p = stash.group(1);
        }
        if (installer == Installer.PIPX && PIPX_HOME.matcher(p).matches()) {
            return Cause.PIPX_HOME_UNWRITABLE;
        }
        if (SOURCE_TREE.matcher(p).matches()) {
            return Cause.SOURCE_TREE_UNWRITABLE;
        }
        if (CACHE_OR_BUILD.matcher(p).matches()) {
            return Cause.ROOT_OWNED_CACHE;
        }
        if (TOOL_CACHE.matcher(p).matches()) {
            return Cause.TOOL_CACHE;
        }
        if (USER_SITE.matcher(p).matches()) {
            return Cause.USER_SITE_UNWRITABLE;
        }
        if (SYSTEM_SITE.matcher(p).matches()) {
            return Cause.SYSTEM_SITE_PACKAGES;
        }
        return Cause.UNKNOWN;
    }

    /**
     * Whether a path is the directory or under it; a relative directory ({@code --target vendor}) matches where
     * the path ends in it or passes through it.
     */
    private static boolean within(String path, String directory) {
        String dir = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
        if (dir.isEmpty()) {
            return false;
        }
        if (dir.startsWith("/") || DRIVE.matcher(dir + "/").matches()) {
            return path.equals(dir) || path.startsWith(dir + "/");
        }
        String relative = dir.startsWith("./") ? dir.substring(2) : dir;
        return path.equals(relative)
                || path.startsWith(relative + "/")
                || path.endsWith("/" + relative)
                || path.contains("/" + relative + "/");
    }

    /** Lower case, forward slashes: one form for POSIX and Windows paths. */
    static String normalise(String path) {
        return path.strip().toLowerCase(Locale.ROOT).replace('\\', '/').replaceAll("/{2,}", "/");
    }

    static boolean isPipsOwnFile(String normalisedPath) {
        return PIP_OWN_FILE.matcher(normalisedPath).matches();
    }
}
