package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipfix.apply.ApplyGrants;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** The calls pipfix makes as the App itself, signed with the App's JWT rather than an installation token. */
public final class AppApi {

    private static final String NO_SUCH_APP = "no such App: APP_ID names none";

    private final GitHubApi api;
    /** {@code <slug>[bot]}, once asked. */
    private final AtomicReference<String> botLogin = new AtomicReference<>();

    AppApi(GitHubApi api) {
        this.api = api;
    }

    /**
     * The App's installation for a repository, for deliveries that do not name one (a repository webhook pointed
     * at pipfix, or GitHub's published example payloads). App deliveries always carry {@code installation.id}.
     */
    public long installationIdFor(String repository) throws IOException {
        ApiRequest request = ApiRequest.get("/repos/{repo}/installation", repository)
                .notFound("the App is not installed on " + repository);
        JsonNode body = api.json(request);
        if (!body.path("id").canConvertToLong()) {
            throw new GitHubApiException(request.name(), 200, "the answer carries no installation id");
        }
        return body.get("id").asLong();
    }

    /** A new installation access token: the {@code token} and {@code expires_at} fields of GitHub's answer. */
    JsonNode createInstallationToken(long installationId) throws IOException {
        return api.json(ApiRequest.post("/app/installations/{id}/access_tokens", installationId)
                .access()
                .notFound("no such installation: the App was uninstalled, or APP_ID names another App"));
    }

    /**
     * The App's webhook deliveries, newest first, as far back as {@code since} (GitHub keeps three days), following
     * the {@code Link} header's cursor, at most {@code maxPages} pages of 100.
     */
    public List<HookDelivery> deliveriesSince(Instant since, int maxPages) throws IOException {
        List<HookDelivery> deliveries = new ArrayList<>();
        api.pages(ApiRequest.get("/app/hook/deliveries").query("per_page", 100), maxPages, page -> {
            boolean older = false;
            for (JsonNode d : page) {
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
            return !older;
        });
        return deliveries;
    }

    /** The App as GitHub shows it: its name, its page, the account that owns it, and what it asks for. */
    public record AppInfo(String name, String slug, String htmlUrl, Account owner, ApplyGrants grants) {}

    /** A user or an organization. */
    public record Account(long id, String login, String type) {

        public boolean organization() {
            return "Organization".equals(type);
        }
    }

    /** Where the App is installed, and on which repositories ("all" or "selected"). */
    public record Installation(
            long id, String account, String accountType, String repositorySelection, String htmlUrl) {}

    /** The App's own account, {@code <slug>[bot]}: asked once, an App's slug does not change while it runs. */
    public OwnAccount account() {
        return () -> {
            String login = botLogin.get();
            if (login == null) {
                String slug = app().slug();
                if (slug.isBlank()) {
                    throw new IOException("GET /app named no slug: pipfix cannot tell its own comments");
                }
                login = slug + "[bot]";
                botLogin.set(login);
            }
            return login;
        };
    }

    public AppInfo app() throws IOException {
        JsonNode body = api.json(ApiRequest.get("/app").notFound(NO_SUCH_APP));
        JsonNode owner = body.path("owner");
        return new AppInfo(
                body.path("name").asText(""),
                body.path("slug").asText(""),
                body.path("html_url").asText(""),
                new Account(
                        owner.path("id").asLong(),
                        owner.path("login").asText(""),
                        owner.path("type").asText("")),
                grants(body));
    }

    /**
     * What one installation accepted of the App's permissions and events: an owner who adds permissions to the App
     * must also have each installation accept them.
     */
    public ApplyGrants installationGrants(long installationId) throws IOException {
        return grants(api.json(ApiRequest.get("/app/installations/{id}", installationId)
                .notFound("no such installation: the App was uninstalled")));
    }

    private static ApplyGrants grants(JsonNode body) {
        Map<String, String> permissions = new LinkedHashMap<>();
        body.path("permissions")
                .fields()
                .forEachRemaining(e -> permissions.put(e.getKey(), e.getValue().asText()));
        Set<String> events = new LinkedHashSet<>();
        body.path("events").forEach(event -> events.add(event.asText()));
        return new ApplyGrants(permissions, events);
    }

    /** The first 100 installations, which is more than a self-hosted App has. */
    public List<Installation> installations() throws IOException {
        JsonNode body = api.json(
                ApiRequest.get("/app/installations").query("per_page", 100).notFound(NO_SUCH_APP));
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
        api.json(ApiRequest.post("/app/hook/deliveries/{id}/attempts", deliveryId)
                .access()
                .notFound("no such delivery (GitHub keeps three days of them)"));
    }
}
