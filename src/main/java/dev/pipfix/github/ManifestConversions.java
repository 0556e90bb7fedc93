package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The last step of GitHub's App manifest flow: the one-time code GitHub sent back is exchanged for the new App's id,
 * key and secrets. The call carries no credentials (the code is the credential); a code is good for one exchange,
 * within an hour.
 */
public final class ManifestConversions {

    private final OkHttpClient http;
    private final String apiUrl;

    public ManifestConversions(OkHttpClient http, String apiUrl) {
        this.http = http;
        this.apiUrl = apiUrl;
    }

    /**
     * @throws GitHubApiException with status 404 or 422 when GitHub does not know the code (used, expired, or not
     *                            one of its codes)
     * @throws IOException        when GitHub cannot be reached
     */
    public NewApp convert(String code) throws IOException {
        String path = "/app-manifests/" + code + "/conversions";
        Request request = new Request.Builder()
                .url(apiUrl + path)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", GitHubClients.API_VERSION)
                .post(RequestBody.create(new byte[0], MediaType.get("application/json")))
                .build();
        JsonNode body;
        try (Response response = http.newCall(request).execute()) {
            body = ApiResponses.json("POST /app-manifests/{code}/conversions", response);
        }
        NewApp app = new NewApp(
                body.path("id").asText(""),
                body.path("slug").asText(""),
                body.path("name").asText(""),
                body.path("html_url").asText(""),
                body.path("client_id").asText(""),
                body.path("client_secret").asText(""),
                body.path("webhook_secret").asText(""),
                body.path("pem").asText(""));
        if (app.id().isEmpty() || app.pem().isEmpty() || app.webhookSecret().isEmpty()) {
            throw new GitHubApiException(
                    "POST /app-manifests/{code}/conversions",
                    201,
                    "the answer lacks the App's id, key or webhook secret");
        }
        return app;
    }
}
