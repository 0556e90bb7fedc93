package dev.pipfix.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** What a user may do in a repository: the check before pipfix writes to a branch at someone's request. */
public final class Collaborators {

    /**
     * The user's role: {@code admin}, {@code maintain}, {@code write}, {@code triage}, {@code read} or {@code none}.
     * GitHub's {@code permission} field folds {@code maintain} into {@code write} and {@code triage} into
     * {@code read}; {@code role_name} keeps them apart, and custom roles fall back to the permission.
     */
    public String role(GitHubApi api, String repository, String login) throws IOException {
        java.util.Optional<JsonNode> found = api.jsonUnlessMissing(
                ApiRequest.get("/repos/{repo}/collaborators/{user}/permission", repository, login));
        if (found.isEmpty()) {
            // no such user (any more): no role
            return "none";
        }
        JsonNode answer = found.get();
        String role = answer.path("role_name").asText("");
        String permission = answer.path("permission").asText("none");
        return switch (role) {
            case "admin", "maintain", "write", "triage", "read" -> role;
            default -> permission;
        };
    }
}
