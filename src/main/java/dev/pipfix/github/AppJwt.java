package dev.pipfix.github;

import io.jsonwebtoken.Jwts;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The App's own JSON Web Token (RS256), used to ask for installation tokens. GitHub accepts an {@code exp} at most
 * ten minutes ahead; {@code iat} is set a minute back so that a runner clock slightly ahead of GitHub's still works.
 * One token serves every call for five minutes: an RS256 signature costs about a millisecond and a half of CPU, and
 * a burst of runs would otherwise sign one per installation token it asks for.
 */
public final class AppJwt {

    static final Duration ISSUED_BEFORE_NOW = Duration.ofSeconds(60);
    static final Duration EXPIRES_AFTER_NOW = Duration.ofMinutes(9);
    static final Duration REUSED_FOR = Duration.ofMinutes(5);

    private final String appId;
    private final RSAPrivateKey key;
    private final Clock clock;
    private final AtomicReference<Signed> current = new AtomicReference<>();

    private record Signed(String token, Instant signedAt) {}

    public AppJwt(String appId, RSAPrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    /** A token valid for at least four more minutes, signed now or reused. */
    public String current() {
        Instant now = clock.instant();
        Signed signed = current.get();
        if (signed == null
                || now.isBefore(signed.signedAt())
                || !now.isBefore(signed.signedAt().plus(REUSED_FOR))) {
            signed = new Signed(sign(now), now);
            current.set(signed);
        }
        return signed.token();
    }

    private String sign(Instant now) {
        return Jwts.builder()
                .issuer(appId)
                .issuedAt(Date.from(now.minus(ISSUED_BEFORE_NOW)))
                .expiration(Date.from(now.plus(EXPIRES_AFTER_NOW)))
                .signWith(key, Jwts.SIG.RS256)
                .compact();
    }
}
