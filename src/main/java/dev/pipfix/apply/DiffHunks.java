package dev.pipfix.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of one file a pull request's diff shows, from the {@code patch} field of
 * {@code GET /pulls/{n}/files}: GitHub accepts a review comment only on lines of the new file (the {@code RIGHT}
 * side) that one hunk shows, and a multi-line comment only within one hunk.
 */
public final class DiffHunks {

    private static final Pattern HEADER = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@");

    /** A hunk's lines of the new file, {@code first} to {@code last} inclusive (1-based). */
    public record Hunk(int first, int last) {}

    private final List<Hunk> hunks;

    private DiffHunks(List<Hunk> hunks) {
        this.hunks = List.copyOf(hunks);
    }

    /**
     * Reads the hunks' headers. The new file's line count of a header is what the hunk shows; counting context and
     * added lines as well keeps a header GitHub abbreviated from widening a hunk.
     */
    public static DiffHunks parse(String patch) {
        List<Hunk> hunks = new ArrayList<>();
        int first = 0;
        int declared = 0;
        int seen = 0;
        boolean inHunk = false;
        for (String line : patch.split("\n", -1)) {
            Matcher header = HEADER.matcher(line);
            if (header.find()) {
                if (inHunk) {
                    hunks.add(hunk(first, Math.min(declared, seen)));
                }
                first = Integer.parseInt(header.group(1));
                declared = header.group(2) == null ? 1 : Integer.parseInt(header.group(2));
                seen = 0;
                inHunk = true;
            } else if (inHunk && (line.startsWith(" ") || line.startsWith("+"))) {
                seen++;
            }
        }
        if (inHunk) {
            hunks.add(hunk(first, Math.min(declared, seen)));
        }
        return new DiffHunks(hunks.stream().filter(h -> h.last() >= h.first()).toList());
    }

    private static Hunk hunk(int first, int lines) {
        return new Hunk(first, first + lines - 1);
    }

    public List<Hunk> hunks() {
        return hunks;
    }

    /** The hunk that shows every line from {@code first} to {@code last}, if one does. */
    public Optional<Hunk> showing(int first, int last) {
        return hunks.stream()
                .filter(h -> h.first() <= first && last <= h.last())
                .findFirst();
    }
}
