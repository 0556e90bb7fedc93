package dev.pipfix.settings;

/** Something wrong in {@code .github/pipfix.yml}, at a 1-based line, in words the comment can show. */
public record SettingsProblem(int line, String message) {}
