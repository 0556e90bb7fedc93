package dev.pipfix.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * How the pages set their cookies and check a state a link brought back against the one the browser kept: one way
 * for the session, the sign-in's state and the setup's state.
 */
final class Cookies {

    /** The states pipfix issues (24 random bytes) have 32 characters; an empty one would match an empty cookie. */
    static final int STATE_CHARS = 32;

    private Cookies() {}

    /**
     * A {@code Set-Cookie} value: {@code HttpOnly} (no script reads it), {@code SameSite=Lax} (no other site's form
     * or fetch sends it), {@code Secure} when the server is reached over https.
     */
    static String set(String nameValue, String path, Duration maxAge, boolean secure) {
        return nameValue + "; Path=" + path + "; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : "");
    }

    /** Whether the state a link carries is the one this browser's cookie kept, compared in constant time. */
    static boolean sameState(String state, String cookie) {
        return state != null
                && cookie != null
                && state.length() >= STATE_CHARS
                && MessageDigest.isEqual(
                        state.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8));
    }
}
