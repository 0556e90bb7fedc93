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
    NO_VIRTUAL_ENVIRONMENT;
}
