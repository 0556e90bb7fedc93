package dev.pipfix.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Who a request to GitHub is made as: the App itself (its JWT), one of its installations (a token renewed as it
 * expires), a plain token (the {@code GITHUB_TOKEN} of a workflow, a user's OAuth token), the App's OAuth client
 * (HTTP Basic, for revoking a user's token) or nobody. {@link GitHubApi} turns it into the {@code Authorization}
 * header; no other class writes that header. The records never print their secrets.
 */
public sealed interface Credential {

    /** The {@code Authorization} header's value, or empty for an anonymous request. */
    Optional<String> authorization() throws IOException;

    /**
     * GitHub answered 401 to {@code authorization}. A credential that can renew itself forgets that value and says
     * so; the request is then sent once more.
     */
    default boolean renewAfterRefusal(String authorization) {
        return false;
    }

    /** What a 401 means for this credential, in words the person who set pipfix up can act on. */
    default String refusedHint() {
        return "GitHub refused the credentials";
    }

    /**
     * Which conditional-request cache the answers belong to: answers to one credential are never given to another.
     */
    String scope();

    /** The installation whose rate limit the request spends, for the metrics. */
    default Optional<Long> installationId() {
        return Optional.empty();
    }

    static Credential none() {
        return new Anonymous();
    }

    /** The App's JWT: {@code Authorization: Bearer <jwt>}. */
    record App(AppJwt jwt) implements Credential {

        @Override
        public Optional<String> authorization() {
            return Optional.of("Bearer " + jwt.current());
        }

        @Override
        public String refusedHint() {
            return "GitHub refused the App's JWT: check APP_ID and that PRIVATE_KEY belongs to that App";
        }

        @Override
        public String scope() {
            return "app";
        }

        @Override
        public String toString() {
            return "Credential.App";
        }
    }

    /** An installation's access token, from the cache; a refused token is dropped and a new one asked for. */
    record Installation(InstallationTokens tokens, long id) implements Credential {

        @Override
        public Optional<String> authorization() throws IOException {
            return Optional.of("token " + tokens.token(id).value());
        }

        @Override
        public boolean renewAfterRefusal(String authorization) {
            tokens.invalidate(id, authorization.substring("token ".length()));
            return true;
        }

        @Override
        public String refusedHint() {
            return "GitHub refused installation " + id + "'s token twice (the App was uninstalled or suspended?)";
        }

        @Override
        public String scope() {
            return "installation:" + id;
        }

        @Override
        public Optional<Long> installationId() {
            return Optional.of(id);
        }

        @Override
        public String toString() {
            return "Credential.Installation[" + id + "]";
        }
    }

    /**
     * A token someone gave pipfix: a workflow's {@code GITHUB_TOKEN}, or a user's OAuth token for one question.
     *
     * @param scope what answers to it are cached under, never the token itself
     */
    record Token(String value, String scope) implements Credential {

        @Override
        public Optional<String> authorization() {
            return Optional.of("Bearer " + value);
        }

        @Override
        public String refusedHint() {
            return "GitHub refused the token (expired, revoked, or without access to this repository)";
        }

        @Override
        public String toString() {
            return "Credential.Token[" + scope + "]";
        }
    }

    /** The App's OAuth client id and secret, which GitHub asks for on {@code /applications/{client_id}/...}. */
    record OAuthClient(String clientId, String clientSecret) implements Credential {

        @Override
        public Optional<String> authorization() {
            return Optional.of("Basic "
                    + Base64.getEncoder()
                            .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String refusedHint() {
            return "GitHub refused the App's OAuth client: check GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET";
        }

        @Override
        public String scope() {
            return "oauth-client";
        }

        @Override
        public String toString() {
            return "Credential.OAuthClient[" + clientId + "]";
        }
    }

    /** No credentials: the manifest conversion (its code is the credential) and the OAuth code exchange. */
    record Anonymous() implements Credential {

        @Override
        public Optional<String> authorization() {
            return Optional.empty();
        }

        @Override
        public String scope() {
            return "anonymous";
        }
    }
}
