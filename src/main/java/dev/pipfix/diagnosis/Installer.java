package dev.pipfix.diagnosis;

import dev.pipfix.id.StableId;

/** The tool that was refused: what the finding's comment names, and whose fix fits. */
public enum Installer implements StableId {
    PIP("pip"),
    /** Astral's uv: {@code uv pip install}, {@code uv sync}, {@code uv add}, {@code uv tool install}. */
    UV("uv"),
    /** Poetry installing into the current interpreter ({@code virtualenvs.create false}). */
    POETRY("poetry"),
    /** pipx, which gives each application its own environment under its home ({@code PIPX_HOME}). */
    PIPX("pipx");

    private final String command;

    Installer(String command) {
        this.command = command;
    }

    /** The command people type, as the comment names it. */
    public String command() {
        return command;
    }
}
