package dev.pipfix.github;

import java.util.List;
import java.util.regex.Pattern;

/** The kind of a GitHub API call, from its path, with the ids left out: what metrics count calls by. */
public final class Endpoints {

    private record Kind(Pattern path, String name) {}

    private static final String REPO = "/repos/[^/]+/[^/]+";
    private static final List<Kind> KINDS = List.of(
            kind("/app/installations/\\d+/access_tokens", "installation_token"),
            kind("/app/installations", "installations"),
            kind("/app/hook/deliveries/\\d+/attempts", "redelivery"),
            kind("/app/hook/deliveries", "hook_deliveries"),
            kind("/app", "app"),
            kind("/app-manifests/[^/]+/conversions", "manifest_conversion"),
            kind(REPO + "/installation", "repository_installation"),
            kind(REPO + "/actions/runs/\\d+/attempts/\\d+/jobs", "run_jobs"),
            kind(REPO + "/actions/jobs/\\d+/logs", "job_logs"),
            kind(REPO + "/contents/.*", "contents"),
            kind(REPO + "/pulls", "pulls"),
            kind(REPO + "/issues/\\d+/comments", "issue_comments"),
            kind(REPO + "/issues/comments/\\d+", "issue_comment"),
            kind(REPO + "/issues/\\d+", "issue"),
            kind(REPO, "repository"));

    private Endpoints() {}

    private static Kind kind(String path, String name) {
        return new Kind(Pattern.compile(path), name);
    }

    /**
     * @param path the request's path below the API base ({@code /api/v3} of GHES already removed), without the query
     * @return the kind, or {@code other}
     */
    public static String classify(String path) {
        for (Kind kind : KINDS) {
            if (kind.path().matcher(path).matches()) {
                return kind.name();
            }
        }
        return "other";
    }
}
