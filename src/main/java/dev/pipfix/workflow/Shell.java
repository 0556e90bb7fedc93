package dev.pipfix.workflow;

import java.util.Locale;

/** The shell a step runs in, from its {@code shell:}, the {@code defaults.run.shell}s, or the OS's default. */
public enum Shell {
    BASH,
    SH,
    PWSH,
    POWERSHELL,
    CMD,
    OTHER;

    static Shell of(String value) {
        String first = value.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        return switch (first) {
            case "bash" -> BASH;
            case "sh" -> SH;
            case "pwsh" -> PWSH;
            case "powershell" -> POWERSHELL;
            case "cmd" -> CMD;
            default -> OTHER;
        };
    }

    boolean posix() {
        return this == BASH || this == SH;
    }
}
