package dev.pipfix.workflow;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;

/** A unified diff with {@code a/} and {@code b/} paths, as {@code git apply} takes it from the repository root. */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    static String of(String path, String original, String patched) {
        List<String> before = lines(original);
        List<String> after = lines(patched);
        Patch<String> patch = DiffUtils.diff(before, after);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, before, patch, CONTEXT);
        return String.join("\n", diff) + "\n";
    }

    /** Lines without their {@code \n}; a {@code \r} stays, so CRLF files are diffed as they are. */
    private static List<String> lines(String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(body.split("\n", -1));
    }
}
