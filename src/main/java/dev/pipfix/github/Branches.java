package dev.pipfix.github;

import java.io.IOException;

/** A branch's protection as GitHub reports it: pipfix never commits to a protected branch. */
public final class Branches {

    /**
     * Whether {@code branch} of {@code repository} is protected (rules on who and what may push). A branch pipfix
     * cannot see (gone, or in a private fork) is no branch it could push to either: the commit would fail with
     * GitHub's reason.
     */
    public boolean isProtected(GitHubApi api, String repository, String branch) throws IOException {
        return api.jsonUnlessMissing(ApiRequest.get("/repos/{repo}/branches/{branch}", repository, branch)
                        .unconditional())
                .map(json -> json.path("protected").asBoolean(false))
                .orElse(false);
    }
}
