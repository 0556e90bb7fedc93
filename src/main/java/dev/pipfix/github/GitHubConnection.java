package dev.pipfix.github;

import okhttp3.OkHttpClient;

/**
 * Where GitHub is and how pipfix reaches it: the process's one OkHttp client, the REST API's base, the web base (for
 * OAuth), the user agent, and the one store of conditional answers. Every {@link GitHubApi} is made here.
 */
public record GitHubConnection(
        OkHttpClient http, String apiUrl, String webUrl, String userAgent, ConditionalRequests conditional) {

    /** Conditional answers kept for every credential together: a few hundred settings and workflow files. */
    public static final long CONDITIONAL_BYTES = 32L * 1024 * 1024;

    public GitHubConnection(OkHttpClient http, String apiUrl, String webUrl, String userAgent) {
        this(http, apiUrl, webUrl, userAgent, new ConditionalRequests(CONDITIONAL_BYTES));
    }

    /** The REST API as {@code credential}. */
    public GitHubApi api(Credential credential) {
        return new GitHubApi(http, apiUrl, credential, userAgent, conditional);
    }

    /** GitHub's web endpoints (OAuth's code exchange), with no credential. */
    public GitHubApi web() {
        return new GitHubApi(http, webUrl, Credential.none(), userAgent, conditional);
    }
}
