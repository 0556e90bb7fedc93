package dev.pipfix.github;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** GitHub answered a request with an error status. The message names the request, never a credential. */
public final class GitHubApiException extends IOException {

    private final int status;
    private final Map<String, List<String>> headers;

    public GitHubApiException(String request, int status, String detail) {
        this(request, status, detail, Map.of());
    }

    /** @param headers the response's headers, for rate-limit waits ({@code retry-after}, {@code x-ratelimit-*}) */
    public GitHubApiException(String request, int status, String detail, Map<String, List<String>> headers) {
        super(request + " answered " + status + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public int status() {
        return status;
    }
}
