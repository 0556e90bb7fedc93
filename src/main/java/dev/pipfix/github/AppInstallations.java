package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Finds the App's installation for a repository, for deliveries that do not name one (a repository webhook pointed
 * at pipfix, or GitHub's published example payloads). App deliveries always carry {@code installation.id}.
 */
public final class AppInstallations {

    private final OkHttpClient http;
    private final String apiUrl;
    private final AppJwt jwt;

    public AppInstallations(OkHttpClient http, String apiUrl, AppJwt jwt) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.jwt = jwt;
    }

    public long idFor(String repository) throws IOException {
        String path = "/repos/" + repository + "/installation";
        Request request = new Request.Builder()
                .url(apiUrl + path)
                .header("Authorization", "Bearer " + jwt.create())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", GitHubClients.API_VERSION)
                .get()
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 404) {
                throw new GitHubApiException("GET " + path, 404, "the App is not installed on " + repository);
            }
            JsonNode body = ApiResponses.json("GET " + path, response);
            if (!body.path("id").canConvertToLong()) {
                throw new GitHubApiException("GET " + path, response.code(), "the answer carries no installation id");
            }
            return body.get("id").asLong();
        }
    }
}
