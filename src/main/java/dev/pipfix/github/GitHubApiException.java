package dev.pipfix.github;

import java.io.IOException;

/** GitHub answered a request with an error status. The message names the request, never a credential. */
public final class GitHubApiException extends IOException {

    private final int status;

    public GitHubApiException(String request, int status, String detail) {
        super(request + " answered " + status + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
