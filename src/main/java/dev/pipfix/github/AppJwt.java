package dev.pipfix.github;

import io.jsonwebtoken.Jwts;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The App's own JSON Web Token (RS256), used to ask for installation tokens. GitHub accepts an {@code exp} at most
 * ten minutes ahead; {@code iat} is set a minute back so that a runner clock slightly ahead of GitHub's still works.
 */
public final class AppJwt {

    static final Duration ISSUED_BEFORE_NOW = Duration.ofSeconds(60);
    static final Duration EXPIRES_AFTER_NOW = Duration.ofMinutes(9);

    private final String appId;
    private final RSAPrivateKey key;
    private final Clock clock;

    public AppJwt(String appId, RSAPrivateKey key, Clock clock) {
        this.appId = appId;
        this.key = key;
        this.clock = clock;
    }

    public String create() {
        Instant now = clock.instant();
        return Jwts.builder()
                .issuer(appId)
                .issuedAt(Date.from(now.minus(ISSUED_BEFORE_NOW)))
                .expiration(Date.from(now.plus(EXPIRES_AFTER_NOW)))
                .signWith(key, Jwts.SIG.RS256)
                .compact();
    }
}
