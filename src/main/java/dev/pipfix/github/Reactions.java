package dev.pipfix.github;

import java.io.IOException;
import java.util.Map;

/** A reaction on a pull request's comment: pipfix acknowledges a command at once, before it does the work. */
public final class Reactions {

    /** 👀 on the comment: seen, being worked on. */
    public void acknowledge(GitHubApi api, String repository, long commentId) throws IOException {
        api.json(ApiRequest.post("/repos/{repo}/issues/comments/{id}/reactions", repository, commentId)
                .json(Map.of("content", "eyes")));
    }
}
