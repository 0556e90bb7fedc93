package dev.pipfix.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an App or one of its installations was granted, as far as {@code /pipfix apply} is concerned: committing a
 * workflow file needs {@code contents} and {@code workflows} write access, and the command arrives only with the
 * {@code issue_comment} event. Pure: GitHub's {@code permissions} and {@code events} in, the verdict out.
 */
public record ApplyGrants(Map<String, String> permissions, Set<String> events) {

    private static final List<String> TO_COMMIT = List.of("contents", "workflows");
    private static final String EVENT = "issue_comment";

    public ApplyGrants {
        permissions = Map.copyOf(permissions);
        events = Set.copyOf(events);
    }

    /** What is missing for {@code /pipfix apply}, in GitHub's words ({@code contents: write}); none when it works. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        for (String permission : TO_COMMIT) {
            String access = permissions.getOrDefault(permission, "none");
            if (!"write".equals(access) && !"admin".equals(access)) {
                missing.add(permission + ": write");
            }
        }
        if (!events.contains(EVENT)) {
            missing.add("the " + EVENT + " event");
        }
        return missing;
    }

    public boolean takeApplyCommand() {
        return missing().isEmpty();
    }
}
