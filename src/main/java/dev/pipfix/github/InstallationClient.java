package dev.pipfix.github;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.kohsuke.github.GitHub;

/** What talks to GitHub as one installation: github-api for the REST objects, OkHttp for streams and gaps. */
public record InstallationClient(long installationId, String apiUrl, OkHttpClient http, GitHub gitHub) {

    Request.Builder get(String path) {
        return new Request.Builder()
                .url(apiUrl + path)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", GitHubClients.API_VERSION)
                .get();
    }

    @Override
    public String toString() {
        return "InstallationClient[" + installationId + "]";
    }

    static IOException unwrap(RuntimeException e) {
        // github-api's iterators wrap IOExceptions in GHException
        return e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
}
