package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The last step of GitHub's App manifest flow: the one-time code GitHub sent back is exchanged for the new App's id,
 * key and secrets. The call carries no credentials (the code is the credential, so it is left out of the request's
 * name); a code is good for one exchange, within an hour.
 */
public final class ManifestConversions {

    private static final String NAME = "POST /app-manifests/{code}/conversions";

    private final GitHubApi api;

    /** @param api GitHub's REST API with no credential */
    public ManifestConversions(GitHubApi api) {
        this.api = api;
    }

    /**
     * @throws GitHubApiException with status 404 or 422 when GitHub does not know the code (used, expired, or not
     *                            one of its codes)
     * @throws IOException        when GitHub cannot be reached
     */
    public NewApp convert(String code) throws IOException {
        JsonNode body = api.json(ApiRequest.post("/app-manifests/{code}/conversions", code)
                .access()
                .named(NAME)
                .unconditional());
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
            throw new GitHubApiException(NAME, 201, "the answer lacks the App's id, key or webhook secret");
        }
        return app;
    }
}
