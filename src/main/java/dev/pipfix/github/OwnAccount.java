package dev.pipfix.github;

import java.io.IOException;

/**
 * Whose comments and commits are pipfix's: its own account as GitHub names it, {@code <slug>[bot]} for the App (from
 * {@code GET /app}), {@code github-actions[bot]} for the Action's workflow token. A marker at the start of a comment
 * is text anyone can write, and another bot can be made to write it; the author GitHub reports is not.
 */
@FunctionalInterface
public interface OwnAccount {

    /** The account the workflow token of a GitHub Actions job writes as. */
    String ACTIONS_BOT = "github-actions[bot]";

    String login() throws IOException;

    static OwnAccount of(String login) {
        return () -> login;
    }

    /** Whether the comment or commit author GitHub reported is this account. */
    default boolean is(String authorLogin) throws IOException {
        return authorLogin != null && authorLogin.equalsIgnoreCase(login());
    }
}
