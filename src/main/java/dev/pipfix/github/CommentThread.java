package dev.pipfix.github;

/**
 * Where pipfix's comment goes: a pull request's conversation, or a commit (a failed push without a pull request, when
 * the repository asks for it). The two differ only in their REST paths.
 *
 * @param id the thread within its repository, as the database keeps it: {@code pr:42} or {@code commit:<sha>}
 */
public record CommentThread(String repository, String id, String name, String comments, String comment) {

    public static CommentThread pullRequest(String repository, int number) {
        return new CommentThread(
                repository,
                "pr:" + number,
                repository + "#" + number,
                "/repos/{repo}/issues/" + number + "/comments",
                "/repos/{repo}/issues/comments/{id}");
    }

    public static CommentThread commit(String repository, String sha) {
        return new CommentThread(
                repository,
                "commit:" + sha,
                repository + "@" + sha,
                "/repos/{repo}/commits/" + sha + "/comments",
                "/repos/{repo}/comments/{id}");
    }

    ApiRequest list() {
        return ApiRequest.get(comments, repository).query("per_page", 100);
    }

    ApiRequest create() {
        return ApiRequest.post(comments, repository);
    }

    ApiRequest edit(long commentId) {
        return ApiRequest.patch(comment, repository, commentId);
    }

    @Override
    public String toString() {
        return name;
    }
}
