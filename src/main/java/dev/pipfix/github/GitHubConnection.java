package dev.pipfix.github;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Where GitHub is and how pipfix reaches it: the process's one OkHttp client, the REST API's base, the web base (for
 * OAuth), the user agent, and the one store of conditional answers. Every {@link GitHubApi} is made here. The client
 * is asked for at the first request: building one sets up TLS (the JDK's trust store), which the server does after it
 * is up rather than before.
 */
public record GitHubConnection(
        Supplier<OkHttpClient> http,
        String apiUrl,
        String webUrl,
        String userAgent,
        ConditionalRequests conditional,
        WriteGate gate) {

    /** Conditional answers kept for every credential together: a few hundred settings and workflow files. */
    public static final long CONDITIONAL_BYTES = 32L * 1024 * 1024;

    /** Writes go through, within GitHub's secondary limit; {@link #withGate} for a dry run. */
    public GitHubConnection(Supplier<OkHttpClient> http, String apiUrl, String webUrl, String userAgent) {
        this(
                http,
                apiUrl,
                webUrl,
                userAgent,
                new ConditionalRequests(CONDITIONAL_BYTES),
                WriteGate.writing(Clock.systemUTC()));
    }

    /** The same connection with another door for writes: a dry run, or a budget on the App's clock. */
    public GitHubConnection withGate(WriteGate writes) {
        return new GitHubConnection(http, apiUrl, webUrl, userAgent, conditional, writes);
    }

    public GitHubConnection(OkHttpClient http, String apiUrl, String webUrl, String userAgent) {
        this(() -> http, apiUrl, webUrl, userAgent);
    }

    /** An OkHttp client with GitHub's time-outs: connecting, reading (a log streams for a while), writing. */
    public static OkHttpClient.Builder httpClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(30));
    }

    /** The REST API as {@code credential}. */
    public GitHubApi api(Credential credential) {
        return new GitHubApi(http, apiUrl, credential, userAgent, conditional, gate);
    }

    /** GitHub's web endpoints (OAuth's code exchange), with no credential. */
    public GitHubApi web() {
        return new GitHubApi(http, webUrl, Credential.none(), userAgent, conditional, gate);
    }
}
