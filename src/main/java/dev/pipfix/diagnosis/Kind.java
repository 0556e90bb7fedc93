package dev.pipfix.diagnosis;

import dev.pipfix.id.StableId;

/** What went wrong, named as in the {@code analyze --format json} contract. */
public enum Kind implements StableId {
    PERMISSION_DENIED,
    ACCESS_DENIED,
    FILE_IN_USE,
    OPERATION_NOT_PERMITTED,
    READ_ONLY_FILESYSTEM,
    EXTERNALLY_MANAGED_ENVIRONMENT,
    /**
     * pip may not replace a package the interpreter already has, because something else installed it: no RECORD file
     * ({@code uninstall-no-record-file}, "installed by debian"), or a distutils install.
     */
    CANNOT_UNINSTALL,
    /**
     * uv found no virtual environment to install into and, unlike pip, will not fall back to the system's Python
     * ({@code No virtual environment found; run `uv venv` ...}).
     */
    NO_VIRTUAL_ENVIRONMENT,
    /**
     * pip refused a user install, asked for with {@code --user} or {@code PIP_USER}, because the Python it runs has no
     * user site: {@code Can not perform a '--user' install. User site-packages are not visible in this virtualenv.}
     * (or, since pip 25.3 where it is disabled, {@code ... are disabled for this Python.}).
     */
    USER_INSTALL_REFUSED;
}
