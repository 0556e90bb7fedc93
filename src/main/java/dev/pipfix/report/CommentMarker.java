package dev.pipfix.report;

/**
 * The hidden HTML comment that lets pipfix find its own comment again. One comment per workflow per pull request:
 * a later failure of the same workflow edits it in place.
 */
public final class CommentMarker {

    private static final String PREFIX = "<!-- pipfix:workflow=";
    private static final String SUFFIX = " -->";

    private CommentMarker() {}

    public static String forWorkflow(long workflowId) {
        return PREFIX + workflowId + SUFFIX;
    }

    /** The marker of pipfix's review comment with the suggestion for this workflow's fix. */
    public static String forSuggestion(long workflowId) {
        return "<!-- pipfix:suggestion workflow=" + workflowId + SUFFIX;
    }

    /** The start every pipfix comment has, whichever workflow it is about. */
    public static String prefix() {
        return PREFIX;
    }

    /** The marker a comment starts with, when it is one of pipfix's. */
    public static java.util.Optional<String> of(String body) {
        if (body == null || !body.startsWith(PREFIX)) {
            return java.util.Optional.empty();
        }
        int end = body.indexOf(SUFFIX, PREFIX.length());
        return end < 0 || !body.substring(PREFIX.length(), end).matches("\\d{1,19}")
                ? java.util.Optional.empty()
                : java.util.Optional.of(body.substring(0, end + SUFFIX.length()));
    }
}
