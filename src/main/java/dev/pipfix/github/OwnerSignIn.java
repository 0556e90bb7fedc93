package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Sign in with GitHub" through the App's own OAuth client, to tell whether the person is the App's owner: the user
 * who owns it, or an admin of the organization that does. The user's token is used for that question only and
 * revoked at once; pipfix keeps nothing of it.
 */
public final class OwnerSignIn {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerSignIn.class);

    private final GitHubConnection github;
    private final String clientId;
    private final String clientSecret;
    private final AppApi app;

    public OwnerSignIn(GitHubConnection github, String clientId, String clientSecret, AppApi app) {
        this.github = github;
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
        return HttpUrl.get(github.webUrl() + "/login/oauth/authorize")
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
        // GitHub answers 200 with an "error" field for a code it does not know
        JsonNode body = github.web()
                .json(ApiRequest.post("/login/oauth/access_token")
                        .access()
                        .accept("application/json")
                        .form(Map.of(
                                "client_id", clientId,
                                "client_secret", clientSecret,
                                "code", code,
                                "redirect_uri", redirectUri))
                        .unconditional());
        if (body.hasNonNull("error")) {
            return new Refused(
                    body.path("error_description").asText(body.path("error").asText()));
        }
        String token = body.path("access_token").asText("");
        if (token.isEmpty()) {
            return new Refused("GitHub's answer carries no access token");
        }
        try {
            return verdict(token);
        } finally {
            revoke(token);
        }
    }

    private Verdict verdict(String token) throws IOException {
        GitHubApi asUser = github.api(new Credential.Token(token, "signed-in user"));
        JsonNode user = asUser.json(ApiRequest.get("/user").unconditional());
        String login = user.path("login").asText("");
        AppApi.Account owner = app.app().owner();
        if (!owner.organization()) {
            return user.path("id").asLong() == owner.id()
                    ? new Owner(login)
                    : new NotOwner(login, "the App belongs to " + owner.login());
        }
        JsonNode membership;
        try {
            membership = asUser.json(ApiRequest.get("/user/memberships/orgs/{org}", owner.login())
                    .unconditional());
        } catch (GitHubApiException e) {
            if (e.status() == 403 || e.status() == 404) {
                return new NotOwner(
                        login,
                        "GitHub would not say whether " + login + " administers " + owner.login()
                                + ", which owns the App (it answered " + e.status() + "): an App's sign-in learns an"
                                + " organization role only with the organization permission Members: read. Grant it in"
                                + " the App's settings (Permissions & events, Organization permissions, Members:"
                                + " Read-only) and accept it on the organization's installation; pipfix registers new"
                                + " organization Apps with it");
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

    /** {@code DELETE /applications/{client_id}/token}: the token has answered its one question. */
    private void revoke(String token) {
        try {
            github.api(new Credential.OAuthClient(clientId, clientSecret))
                    .json(ApiRequest.delete("/applications/{client_id}/token", clientId)
                            .access()
                            .named("DELETE /applications/{client_id}/token")
                            .json(Map.of("access_token", token)));
        } catch (IOException e) {
            LOG.warn("a signed-in user's token could not be revoked ({}); it expires by itself", e.getMessage());
        }
    }
}
