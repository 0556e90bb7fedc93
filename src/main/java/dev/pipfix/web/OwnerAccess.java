package dev.pipfix.web;

import dev.pipfix.github.OwnerSignIn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Who may read the status page's details: the App's owner, signed in with GitHub through the App's OAuth client, or
 * whoever sends {@code ADMIN_TOKEN} as a bearer token (for hosts where nobody can sign in). Everyone else sees that
 * pipfix runs, its version and its health, and nothing of the repositories it serves.
 *
 * @param publicUrl where the browser reaches this server, for GitHub's redirect back after sign-in
 */
public record OwnerAccess(
        Optional<OwnerSignIn> signIn,
        Optional<SessionCookies> sessions,
        Optional<String> adminToken,
        String publicUrl) {

    /** Nobody can be told apart: no sign-in, no admin token. */
    public static OwnerAccess nobody(String publicUrl) {
        return new OwnerAccess(Optional.empty(), Optional.empty(), Optional.empty(), publicUrl);
    }

    /** Whether the person on the page can sign in with GitHub here. */
    public boolean canSignIn() {
        return signIn.isPresent() && sessions.isPresent();
    }

    String callbackUrl() {
        return publicUrl + "/auth/callback";
    }

    /**
     * Who the request shows its sender to be, when that is the App's owner.
     *
     * @param authorization the request's {@code Authorization} header, or null
     * @param sessionCookie the value of its {@link SessionCookies#NAME} cookie, or null
     */
    Optional<String> owner(String authorization, String sessionCookie) {
        if (adminToken.isPresent()
                && authorization != null
                && authorization.startsWith("Bearer ")
                && sameSecret(
                        adminToken.get(),
                        authorization.substring("Bearer ".length()).strip())) {
            return Optional.of("ADMIN_TOKEN");
        }
        return sessions.flatMap(cookies -> cookies.owner(sessionCookie));
    }

    /** Compared as digests, so that neither the content nor the length of the token shows in the time taken. */
    private static boolean sameSecret(String expected, String given) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
