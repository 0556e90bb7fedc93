package dev.pipfix.report;

import dev.pipfix.diagnosis.Installer;
import dev.pipfix.diagnosis.Kind;
import java.util.List;

/** The error each kind stands for, in the words the OS or pip prints, and who manages a PEP 668 Python. */
final class ErrorTexts {

    private ErrorTexts() {}

    /**
     * The error in the words of the installer that printed it: uv names the OS's error number its own way, and pip on
     * Windows may refuse to modify itself before the OS is asked.
     */
    static String of(Kind kind, Installer installer, List<String> evidence) {
        if (kind == Kind.ACCESS_DENIED && evidence.stream().anyMatch(line -> line.startsWith("ERROR: To modify pip"))) {
            return "ERROR: To modify pip, please run the following command";
        }
        if (installer == Installer.UV) {
            return switch (kind) {
                case PERMISSION_DENIED -> "Permission denied (os error 13)";
                case ACCESS_DENIED -> "Access is denied. (os error 5)";
                case FILE_IN_USE ->
                    "The process cannot access the file because it is being used by another process. (os error 32)";
                case OPERATION_NOT_PERMITTED -> "Operation not permitted (os error 1)";
                case READ_ONLY_FILESYSTEM -> "Read-only file system (os error 30)";
                case EXTERNALLY_MANAGED_ENVIRONMENT -> "is externally managed";
                case CANNOT_UNINSTALL, NO_VIRTUAL_ENVIRONMENT, USER_INSTALL_REFUSED -> of(kind);
            };
        }
        return of(kind);
    }

    static String of(Kind kind) {
        return switch (kind) {
            case PERMISSION_DENIED -> "[Errno 13] Permission denied";
            case ACCESS_DENIED -> "[WinError 5] Access is denied";
            case FILE_IN_USE ->
                "[WinError 32] The process cannot access the file because it is being used by" + " another process";
            case OPERATION_NOT_PERMITTED -> "[Errno 1] Operation not permitted";
            case READ_ONLY_FILESYSTEM -> "[Errno 30] Read-only file system";
            case EXTERNALLY_MANAGED_ENVIRONMENT -> "error: externally-managed-environment";
            case CANNOT_UNINSTALL -> "Cannot uninstall";
            case NO_VIRTUAL_ENVIRONMENT -> "No virtual environment found";
            case USER_INSTALL_REFUSED -> "Can not perform a '--user' install";
        };
    }

    /**
     * From the text under pip's "This environment is externally managed", or its "installed by" hint: apt, Homebrew
     * or Nix.
     */
    static String manager(List<String> evidence) {
        String text = String.join("\n", evidence);
        if (text.contains("installed by debian") || text.contains("installed by ubuntu")) {
            return "Debian's apt";
        }
        if (text.contains("installed by rpm") || text.contains("installed by dnf")) {
            return "the system's rpm";
        }
        if (text.contains("distutils installed project")) {
            return "distutils (usually the system's package manager)";
        }
        if (text.contains("managed by uv") || text.contains("/uv/python/") || text.contains("\\uv\\python\\")) {
            return "uv";
        }
        if (text.contains("brew install")) {
            return "Homebrew";
        }
        if (text.contains("/nix/store") || text.contains("nix-env")) {
            return "Nix";
        }
        if (text.contains("apt install")) {
            return "Debian's apt";
        }
        return "the system's package manager";
    }
}
