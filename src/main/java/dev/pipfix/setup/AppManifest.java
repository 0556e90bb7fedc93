package dev.pipfix.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code app-manifest.yml}: the App pipfix registers, in GitHub's manifest format, and what it asks for in plain
 * words for the setup page. The URLs in the file are an example deployment's; the setup page sends this instance's.
 */
public final class AppManifest {

    private static final Map<String, String> PERMISSIONS = Map.of(
            "actions:read", "Read your workflow runs, their jobs and their logs, to find pip's error",
            "contents:read", "Read the workflow file of a failed run, to write the fix against it",
            "pull_requests:write", "Comment on the pull request whose run failed (one comment, edited in place)",
            "metadata:read", "See repository names and settings (every GitHub App has this)");
    private static final Map<String, String> EVENTS = Map.of(
            "workflow_run", "Be told when a workflow run completes",
            "issue_comment", "Be told of comments on pull requests, to carry out /pipfix apply");
    /**
     * What "allow pipfix to commit its fix when asked" adds: writing the workflow file (GitHub requires the
     * {@code workflows} permission for that), and the comments that ask for it.
     */
    private static final Map<String, String> COMMIT_PERMISSIONS =
            Map.of("contents", "write", "workflows", "write", "issues", "read");

    private static final Map<String, String> COMMIT_REASONS = Map.of(
            "contents:write", "Commit its fix to a pull request's branch, when someone who may push asks",
            "workflows:write", "Change a workflow file in that commit (GitHub asks this of any change to one)",
            "issues:read", "Receive the comments that ask for the fix (GitHub sends comment events with it)");

    private final Map<String, Object> manifest;

    private AppManifest(Map<String, Object> manifest) {
        this.manifest = manifest;
    }

    /** Parses the manifest's YAML text. */
    @SuppressWarnings("unchecked")
    public static AppManifest parse(String yaml) {
        Object root =
                new Load(LoadSettings.builder().setLabel("app-manifest.yml").build()).loadFromString(yaml);
        if (!(root instanceof Map<?, ?> map) || !(map.get("default_permissions") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("app-manifest.yml is not an App manifest: no default_permissions");
        }
        return new AppManifest((Map<String, Object>) map);
    }

    public String name() {
        return String.valueOf(manifest.get("name"));
    }

    /**
     * The manifest GitHub gets, as JSON: this instance's webhook and callback URLs, and the name chosen on the setup
     * page (GitHub App names are unique across GitHub).
     *
     * @param publicUrl where GitHub reaches this instance, without a trailing slash
     * @param name      null or blank for the manifest's own
     */
    public String json(String publicUrl, String name) {
        return json(publicUrl, name, false);
    }

    /**
     * @param allowCommits the owner ticked "allow pipfix to commit its fix when asked": the manifest also asks for
     *                     {@link #commitGrants()} and the {@code issue_comment} event
     */
    public String json(String publicUrl, String name, boolean allowCommits) {
        return json(publicUrl, name, allowCommits, false);
    }

    /**
     * @param forOrganization the App is registered on an organization: it also asks for the organization
     *                        permission {@code members: read}, without which GitHub does not tell a signed-in user's
     *                        role in the organization ({@code GET /user/memberships/orgs/{org}} needs it of an App's
     *                        user token, per GitHub's "Permissions required for GitHub Apps"), so no owner could
     *                        sign in to the status page
     */
    public String json(String publicUrl, String name, boolean allowCommits, boolean forOrganization) {
        Map<String, Object> sent = new LinkedHashMap<>(manifest);
        if (forOrganization) {
            Map<String, Object> permissions = new LinkedHashMap<>();
            ((Map<?, ?>) manifest.get("default_permissions"))
                    .forEach((permission, access) -> permissions.put(String.valueOf(permission), access));
            permissions.putIfAbsent("members", "read");
            sent.put("default_permissions", permissions);
        }
        if (allowCommits) {
            Map<String, Object> permissions = new LinkedHashMap<>();
            ((Map<?, ?>) sent.get("default_permissions"))
                    .forEach((permission, access) -> permissions.put(String.valueOf(permission), access));
            COMMIT_PERMISSIONS.forEach((permission, access) ->
                    permissions.merge(permission, access, (had, wanted) -> "write".equals(had) ? had : wanted));
            sent.put("default_permissions", permissions);
            List<Object> events = manifest.get("default_events") instanceof List<?> given
                    ? new ArrayList<>(given)
                    : new ArrayList<>();
            if (!events.contains("issue_comment")) {
                events.add("issue_comment");
            }
            sent.put("default_events", events);
        }
        if (name != null && !name.isBlank()) {
            sent.put("name", name.strip());
        }
        Map<String, Object> hook = new LinkedHashMap<>();
        if (manifest.get("hook_attributes") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> hook.put(String.valueOf(key), value));
        }
        hook.put("url", publicUrl + "/webhook");
        hook.putIfAbsent("active", true);
        sent.put("hook_attributes", hook);
        sent.put("redirect_url", publicUrl + "/setup/callback");
        // where "Sign in with GitHub" on the status page comes back to: the App's OAuth callback
        sent.put("callback_urls", List.of(publicUrl + "/auth/callback"));
        try {
            return new ObjectMapper().writeValueAsString(sent);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the manifest cannot be written as JSON", e);
        }
    }

    /** Each permission the App asks for, as "name: access" with what pipfix does with it. */
    public List<Grant> permissions() {
        List<Grant> grants = new ArrayList<>();
        ((Map<?, ?>) manifest.get("default_permissions")).forEach((permission, access) -> {
            String key = permission + ":" + access;
            grants.add(new Grant(permission + ": " + access, PERMISSIONS.getOrDefault(key, "")));
        });
        return grants;
    }

    /** What the opt-in adds, with why: the setup page lists it beside its checkbox. */
    public List<Grant> commitGrants() {
        List<Grant> grants = new ArrayList<>();
        COMMIT_PERMISSIONS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> grants.add(new Grant(
                        entry.getKey() + ": " + entry.getValue(),
                        COMMIT_REASONS.get(entry.getKey() + ":" + entry.getValue()))));
        grants.add(new Grant("issue_comment", EVENTS.get("issue_comment")));
        return grants;
    }

    /** Each event the App subscribes to, with why. */
    public List<Grant> events() {
        List<Grant> grants = new ArrayList<>();
        if (manifest.get("default_events") instanceof List<?> events) {
            for (Object event : events) {
                grants.add(new Grant(String.valueOf(event), EVENTS.getOrDefault(String.valueOf(event), "")));
            }
        }
        return grants;
    }

    /** One line of "what pipfix will be allowed to do". */
    public record Grant(String name, String why) {}
}
