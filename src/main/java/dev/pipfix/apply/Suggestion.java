package dev.pipfix.apply;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * pipfix's patch as GitHub's {@code suggestion} can carry it: the lines of the file to select ({@code startLine} to
 * {@code endLine}, 1-based, inclusive) and the text that replaces them. A suggestion cannot select nothing, so a
 * patch that only inserts selects the line it inserts before (or, at the end of the file, the line after which it
 * inserts) and carries that line too.
 *
 * @param replacement the new lines; none deletes the selected lines
 */
public record Suggestion(String path, int startLine, int endLine, List<String> replacement) {

    public Suggestion {
        replacement = List.copyOf(replacement);
    }

    /** The replacement as the {@code suggestion} block holds it. */
    public String text() {
        return String.join("\n", replacement);
    }

    /**
     * The smallest selection whose replacement turns {@code original} into {@code patched}; empty when the two are
     * equal, or differ in a way a suggestion cannot say (line endings, the final newline).
     */
    public static Optional<Suggestion> between(String path, String original, String patched) {
        if (original.equals(patched)
                || original.contains("\r")
                || patched.contains("\r")
                || original.endsWith("\n") != patched.endsWith("\n")) {
            return Optional.empty();
        }
        List<String> before = lines(original);
        List<String> after = lines(patched);
        int prefix = 0;
        while (prefix < before.size()
                && prefix < after.size()
                && before.get(prefix).equals(after.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < before.size() - prefix
                && suffix < after.size() - prefix
                && before.get(before.size() - 1 - suffix).equals(after.get(after.size() - 1 - suffix))) {
            suffix++;
        }
        int from = prefix;
        int to = before.size() - suffix; // exclusive
        int newTo = after.size() - suffix;
        if (from == to) {
            if (before.isEmpty()) {
                return Optional.empty();
            }
            if (to < before.size()) {
                to++; // select the line the new lines go before
                newTo++;
            } else {
                from--; // at the end of the file: select the last line, the new lines follow it
            }
        }
        // the lines before the selection are the same in both texts, so the replacement starts where it does
        return Optional.of(new Suggestion(path, from + 1, to, after.subList(from, newTo)));
    }

    /** Whether one hunk of the pull request's diff shows every selected line: GitHub refuses the comment else. */
    public boolean shownIn(DiffHunks diff) {
        return diff.showing(startLine, endLine).isPresent();
    }

    /** {@code original} with the selected lines replaced: what "Commit suggestion" leaves in the file. */
    public String applyTo(String original) {
        List<String> lines = lines(original);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < startLine - 1; i++) {
            text.append(lines.get(i)).append('\n');
        }
        replacement.forEach(line -> text.append(line).append('\n'));
        for (int i = endLine; i < lines.size(); i++) {
            text.append(lines.get(i)).append('\n');
        }
        return original.endsWith("\n") || text.length() == 0 ? text.toString() : text.substring(0, text.length() - 1);
    }

    private static List<String> lines(String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n", -1));
    }
}
