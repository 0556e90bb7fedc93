package dev.pipfix.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cookie that says its bearer signed in as the App's owner: the login and an expiry, signed with a key derived
 * from the App's client secret. It holds no GitHub token, and every instance of a scaled-out pipfix reads it alike.
 */
public final class SessionCookies {

    public static final String NAME = "pipfix_session";
    public static final Duration LIFETIME = Duration.ofHours(8);
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9-]{1,39}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** A clock a little ahead of ours still issues no cookie past this. */
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final SecretKeySpec key;
    private final Clock clock;
    private final boolean secure;
    private final SecureRandom random = new SecureRandom();
    /**
     * Sessions signed out before they expired, until they do. Kept by this instance: a scaled-out pipfix's other
     * instances honour a sign-out only until the cookie's expiry (at most {@link #LIFETIME}).
     */
    private final ConcurrentHashMap<String, Instant> signedOut = new ConcurrentHashMap<>();

    /**
     * @param clientSecret the App's OAuth client secret, from which the signing key is derived
     * @param secure       whether the server is reached over https (the cookie then travels over https only)
     */
    public SessionCookies(String clientSecret, Clock clock, boolean secure) {
        this.key = new SecretKeySpec(
                hmac(
                        new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                        "pipfix status page session v1"),
                "HmacSHA256");
        this.clock = clock;
        this.secure = secure;
    }

    /** The {@code Set-Cookie} value for an owner who just signed in. */
    public String issue(String login) {
        if (!LOGIN.matcher(login).matches()) {
            throw new IllegalArgumentException("not a GitHub login: " + login);
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String payload = login + "." + ENCODER.encodeToString(id) + "."
                + clock.instant().plus(LIFETIME).getEpochSecond();
        String value = ENCODER.encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "."
                + ENCODER.encodeToString(hmac(key, payload));
        return attributes(NAME + "=" + value, "/", LIFETIME);
    }

    /** The {@code Set-Cookie} value that signs out. */
    public String cleared() {
        return attributes(NAME + "=", "/", Duration.ZERO);
    }

    /** The owner's login, when the cookie is one this issued, has not expired, and was not signed out. */
    public Optional<String> owner(String cookie) {
        return session(cookie).map(Session::login);
    }

    /**
     * The token the sign-out form carries: tied to the session, so that no other site can sign a browser out, and
     * nobody without the session can either.
     */
    public Optional<String> signOutToken(String cookie) {
        return session(cookie).map(session -> ENCODER.encodeToString(hmac(key, "sign out " + session.id())));
    }

    /**
     * Ends the session the cookie holds when {@code token} is its sign-out token: the cookie is refused from then on.
     *
     * @return whether it was signed out
     */
    public boolean signOut(String cookie, String token) {
        Optional<Session> session = session(cookie);
        if (session.isEmpty() || token == null) {
            return false;
        }
        byte[] expected = hmac(key, "sign out " + session.get().id());
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return false;
        }
        Instant now = clock.instant();
        signedOut.values().removeIf(expiry -> !expiry.isAfter(now));
        signedOut.put(session.get().id(), session.get().expires());
        return true;
    }

    private record Session(String login, String id, Instant expires) {}

    private Optional<Session> session(String cookie) {
        if (cookie == null) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            String payload =
                    new String(Base64.getUrlDecoder().decode(cookie.substring(0, dot)), StandardCharsets.US_ASCII);
            byte[] given = Base64.getUrlDecoder().decode(cookie.substring(dot + 1));
            if (!MessageDigest.isEqual(hmac(key, payload), given)) {
                return Optional.empty();
            }
            String[] parts = payload.split("\\.", -1);
            if (parts.length != 3 || !LOGIN.matcher(parts[0]).matches() || parts[1].isEmpty()) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            Instant now = clock.instant();
            // a cookie that lives longer than any this server issues was not issued by it as it is now
            boolean current =
                    now.isBefore(expires) && !expires.isAfter(now.plus(LIFETIME).plus(SKEW));
            return current && !signedOut.containsKey(parts[1])
                    ? Optional.of(new Session(parts[0], parts[1], expires))
                    : Optional.empty();
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeException malformed) {
            return Optional.empty();
        }
    }

    /** A cookie of the pages, {@code Secure} when this server is reached over https. */
    String attributes(String nameValue, String path, Duration maxAge) {
        return Cookies.set(nameValue, path, maxAge, secure);
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
