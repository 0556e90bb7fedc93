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
}
