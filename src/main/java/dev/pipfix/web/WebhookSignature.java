package dev.pipfix.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Hub-Signature-256}: the hex HMAC-SHA256 of the raw body, compared in constant time. The HMAC is
 * incremental ({@link #newMac()}), so a body can be verified as it streams in without being held whole.
 */
public final class WebhookSignature {

    private static final String PREFIX = "sha256=";
    private static final int HMAC_BYTES = 32;

    private final SecretKeySpec key;
    /** Keyed once and never fed: each delivery gets a clone, which skips the provider lookup and the key schedule. */
    private final Mac keyed;

    public WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.keyed = keyed();
    }

    public boolean matches(byte[] body, String header) {
        return hmacMatches(newMac().doFinal(body), header);
    }

    /** Whether a finished HMAC (from {@link #newMac()}, fed the whole body) is the one the header carries. */
    public boolean hmacMatches(byte[] hmac, String header) {
        return parse(header).map(given -> MessageDigest.isEqual(hmac, given)).orElse(false);
    }

    /** The HMAC a header carries, when it has GitHub's form ({@code sha256=} and 64 hex digits). */
    public static Optional<byte[]> parse(String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] given =
                    HexFormat.of().parseHex(header.substring(PREFIX.length()).strip());
            return given.length == HMAC_BYTES ? Optional.of(given) : Optional.empty();
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
    }

    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(newMac().doFinal(body));
    }

    /** A fresh HMAC keyed with the secret, to be fed the body as it arrives. */
    public Mac newMac() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            return keyed();
        }
    }

    private Mac keyed() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
