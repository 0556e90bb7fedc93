package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Sign in with GitHub" through the App's own OAuth client, to tell whether the person is the App's owner: the user
 * who owns it, or an admin of the organization that does. The user's token is used for that question only and
 * revoked at once; pipfix keeps nothing of it.
 */
public final class OwnerSignIn {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerSignIn.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final OkHttpClient http;
    private final String apiUrl;
    private final String webUrl;
    private final String clientId;
    private final String clientSecret;
    private final AppApi app;

    /**
     * @param apiUrl the REST API's base ({@code GITHUB_API_URL})
     * @param webUrl GitHub's web base ({@code GITHUB_URL}), where the OAuth endpoints are
     */
    public OwnerSignIn(
            OkHttpClient http, String apiUrl, String webUrl, String clientId, String clientSecret, AppApi app) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.webUrl = webUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.app = app;
    }

    /** Who signed in, and what they are to the App. */
    public sealed interface Verdict {}

    /** The user owns the App, or administers the organization that does. */
    public record Owner(String login) implements Verdict {}

    /** Signed in, but not the App's owner; {@code why} says so in words. */
    public record NotOwner(String login, String why) implements Verdict {}

    /** GitHub did not accept the sign-in's code: used already, expired, or not issued for this App. */
    public record Refused(String detail) implements Verdict {}

    /** Where the browser goes to sign in; GitHub sends it back to {@code redirectUri} with a code and the state. */
    public String authorizeUrl(String redirectUri, String state) {
        return HttpUrl.get(webUrl + "/login/oauth/authorize")
                .newBuilder()
                .addQueryParameter("client_id", clientId)
                .addQueryParameter("redirect_uri", redirectUri)
                .addQueryParameter("state", state)
                .addQueryParameter("allow_signup", "false")
                .build()
                .toString();
    }

    /**
     * Exchanges the code for the user's token, asks who they are and what they are to the App, then revokes it.
     *
     * @throws IOException when GitHub cannot be reached or answers an error the person cannot mend
     */
    public Verdict signIn(String code, String redirectUri) throws IOException {
        String token;
        try (Response response = http.newCall(new Request.Builder()
                        .url(webUrl + "/login/oauth/access_token")
                        .header("Accept", "application/json")
                        .post(new FormBody.Builder()
                                .add("client_id", clientId)
                                .add("client_secret", clientSecret)
                                .add("code", code)
                                .add("redirect_uri", redirectUri)
                                .build())
                        .build())
                .execute()) {
            // GitHub answers 200 with an "error" field for a code it does not know
            JsonNode body = ApiResponses.json("POST /login/oauth/access_token", response);
            if (body.hasNonNull("error")) {
                return new Refused(
                        body.path("error_description").asText(body.path("error").asText()));
            }
            token = body.path("access_token").asText("");
            if (token.isEmpty()) {
                return new Refused("GitHub's answer carries no access token");
            }
        }
        try {
            return verdict(token);
        } finally {
            revoke(token);
        }
    }

    private Verdict verdict(String token) throws IOException {
        JsonNode user = get("/user", token);
        String login = user.path("login").asText("");
        AppApi.Account owner = app.app().owner();
        if (!owner.organization()) {
            return user.path("id").asLong() == owner.id()
                    ? new Owner(login)
                    : new NotOwner(login, "the App belongs to " + owner.login());
        }
        JsonNode membership;
        try {
            membership = get("/user/memberships/orgs/" + owner.login(), token);
        } catch (GitHubApiException e) {
            if (e.status() == 403 || e.status() == 404) {
                return new NotOwner(
                        login,
                        "GitHub would not say whether " + login + " administers " + owner.login()
                                + ", which owns the App (it answered " + e.status() + ")");
            }
            throw e;
        }
        boolean admin = "active".equals(membership.path("state").asText())
                && "admin".equals(membership.path("role").asText());
        return admin
                ? new Owner(login)
                : new NotOwner(
                        login,
                        "the App belongs to " + owner.login() + ", and " + login + " is not one of" + " its owners");
    }

    private JsonNode get(String path, String token) throws IOException {
        Request request = new Request.Builder()
                .url(apiUrl + path)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", GitHubClients.API_VERSION)
                .get()
                .build();
        try (Response response = http.newCall(request).execute()) {
            return ApiResponses.json(
                    "GET " + (path.startsWith("/user/memberships/") ? "/user/memberships/orgs/{org}" : path), response);
        }
    }

    /** {@code DELETE /applications/{client_id}/token}: the token has answered its one question. */
    private void revoke(String token) {
        String basic =
                Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        Request request = new Request.Builder()
                .url(apiUrl + "/applications/" + clientId + "/token")
                .header("Authorization", "Basic " + basic)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", GitHubClients.API_VERSION)
                .delete(RequestBody.create(
                        ApiResponses.JSON
                                .createObjectNode()
                                .put("access_token", token)
                                .toString(),
                        JSON_TYPE))
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 204) {
                LOG.warn(
                        "a signed-in user's token could not be revoked: DELETE /applications/{client_id}/token"
                                + " answered {}; it expires by itself",
                        response.code());
            }
        } catch (IOException e) {
            LOG.warn("a signed-in user's token could not be revoked ({}); it expires by itself", e.getMessage());
        }
    }
}
