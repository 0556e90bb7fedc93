package dev.pipfix.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A finding before the whole log is known: its command and cause are settled at the end ({@link Findings}). */
final class Candidate {

    static final int MAX_EVIDENCE_LINES = 4;
    private static final int MAX_EVIDENCE_CHARS = 2_000;

    final Kind kind;
    final long line;
    final Step step;
    final String path;
    final String command;
    final List<String> evidence = new ArrayList<>();
    Installer installer = Installer.PIP;
    /** Under a package's own build in its source tree ({@code egg_info}, {@code develop}). */
    boolean buildingInSource;
    /** The message itself says the cause, whatever the path and OS show. */
    Optional<Cause> statedCause = Optional.empty();

    Candidate(Kind kind, long line, Step step, String path, String command) {
        this.kind = kind;
        this.line = line;
        this.step = step;
        this.path = path;
        this.command = command;
    }

    /** A line of evidence more, while there is room: a block's first lines say what it is. */
    void addEvidence(String text) {
        if (evidence.size() < MAX_EVIDENCE_LINES) {
            evidence.add(capped(text));
        }
    }

    static String capped(String line) {
        return line.length() <= MAX_EVIDENCE_CHARS ? line : line.substring(0, MAX_EVIDENCE_CHARS) + " …";
    }
}
