package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The calls pipfix makes as the App itself, signed with the App's JWT rather than an installation token. */
public final class AppApi {

    private final OkHttpClient http;
    private final String apiUrl;
    private final AppJwt jwt;

    public AppApi(OkHttpClient http, String apiUrl, AppJwt jwt) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.jwt = jwt;
    }

    /**
     * The App's installation for a repository, for deliveries that do not name one (a repository webhook pointed
     * at pipfix, or GitHub's published example payloads). App deliveries always carry {@code installation.id}.
     */
    public long installationIdFor(String repository) throws IOException {
        String path = "/repos/" + repository + "/installation";
        JsonNode body = call(path, request(path).get(), "the App is not installed on " + repository);
        if (!body.path("id").canConvertToLong()) {
            throw new GitHubApiException("GET " + path, 200, "the answer carries no installation id");
        }
        return body.get("id").asLong();
    }

    /** A new installation access token: the {@code token} and {@code expires_at} fields of GitHub's answer. */
    JsonNode createInstallationToken(long installationId) throws IOException {
        String path = "/app/installations/" + installationId + "/access_tokens";
        return call(
                path,
                request(path).post(RequestBody.create(new byte[0], MediaType.get("application/json"))),
                "no such installation: the App was uninstalled, or APP_ID names another App");
    }

    /**
     * The App's webhook deliveries, newest first, as far back as {@code since} (GitHub keeps three days), following
     * the {@code Link} header's cursor, at most {@code maxPages} pages of 100.
     */
    public List<HookDelivery> deliveriesSince(Instant since, int maxPages) throws IOException {
        List<HookDelivery> deliveries = new ArrayList<>();
        String url = apiUrl + "/app/hook/deliveries?per_page=100";
        for (int page = 0; page < maxPages && url != null; page++) {
            Request request = new Request.Builder()
                    .url(url)
                    .header("Authorization", "Bearer " + jwt.current())
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", GitHubClients.API_VERSION)
                    .get()
                    .build();
            JsonNode body;
            String next;
            try (Response response = http.newCall(request).execute()) {
                body = ApiResponses.json("GET /app/hook/deliveries", response);
                next = ApiResponses.nextLink(response.header("Link"));
            }
            boolean older = false;
            for (JsonNode d : body) {
                Instant at = Instant.parse(d.path("delivered_at").asText());
                if (at.isBefore(since)) {
                    older = true;
                    continue;
                }
                deliveries.add(new HookDelivery(
                        d.path("id").asLong(),
                        d.path("guid").asText(),
                        at,
                        d.path("redelivery").asBoolean(),
                        d.path("status_code").asInt(),
                        d.path("event").asText()));
            }
            url = older ? null : next;
        }
        return deliveries;
    }

    /** The App as GitHub shows it: its name, its page, and the account that owns it. */
    public record AppInfo(String name, String slug, String htmlUrl, Account owner) {}

    /** A user or an organization. */
    public record Account(long id, String login, String type) {

        public boolean organization() {
            return "Organization".equals(type);
        }
    }

    /** Where the App is installed, and on which repositories ("all" or "selected"). */
    public record Installation(
            long id, String account, String accountType, String repositorySelection, String htmlUrl) {}

    public AppInfo app() throws IOException {
        JsonNode body = call("/app", request("/app").get(), "no such App: APP_ID names none");
        JsonNode owner = body.path("owner");
        return new AppInfo(
                body.path("name").asText(""),
                body.path("slug").asText(""),
                body.path("html_url").asText(""),
                new Account(
                        owner.path("id").asLong(),
                        owner.path("login").asText(""),
                        owner.path("type").asText("")));
    }

    /** The first 100 installations, which is more than a self-hosted App has. */
    public List<Installation> installations() throws IOException {
        String path = "/app/installations?per_page=100";
        JsonNode body = call(path, request(path).get(), "no such App: APP_ID names none");
        List<Installation> installations = new ArrayList<>();
        for (JsonNode installation : body) {
            installations.add(new Installation(
                    installation.path("id").asLong(),
                    installation.path("account").path("login").asText(""),
                    installation.path("account").path("type").asText(""),
                    installation.path("repository_selection").asText(""),
                    installation.path("html_url").asText("")));
        }
        return installations;
    }

    /** Asks GitHub to deliver one of the App's deliveries again. */
    public void redeliver(long deliveryId) throws IOException {
        String path = "/app/hook/deliveries/" + deliveryId + "/attempts";
        call(
                path,
                request(path).post(RequestBody.create(new byte[0], MediaType.get("application/json"))),
                "no such delivery (GitHub keeps three days of them)");
    }

    private Request.Builder request(String path) {
        return new Request.Builder()
                .url(apiUrl + path)
                .header("Authorization", "Bearer " + jwt.current())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", GitHubClients.API_VERSION);
    }

    private JsonNode call(String path, Request.Builder builder, String notFound) throws IOException {
        Request request = builder.build();
        String name = request.method() + " " + path;
        try (Response response = http.newCall(request).execute()) {
            if (response.code() == 401) {
                throw new GitHubApiException(
                        name,
                        401,
                        "GitHub refused the App's JWT: check APP_ID and that PRIVATE_KEY belongs to that App");
            }
            if (response.code() == 404) {
                throw new GitHubApiException(name, 404, notFound);
            }
            return ApiResponses.json(name, response);
        }
    }
}
