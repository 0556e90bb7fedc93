package dev.pipfix.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AppJwtTest {

    @Test
    void the_jwt_is_rs256_issued_a_minute_back_and_expires_nine_minutes_ahead() throws Exception {
        // given
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) PrivateKeys.parse(PrivateKeysTest.key("app-pkcs1.pem"));
        AppJwt jwt = new AppJwt("123456", key, Clock.fixed(now, ZoneOffset.UTC));

        // when
        Jws<Claims> parsed = Jwts.parser().verifyWith(publicKeyOf(key)).build().parseSignedClaims(jwt.current());

        // then
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo("RS256");
        assertThat(parsed.getPayload().getIssuer()).isEqualTo("123456");
        assertThat(parsed.getPayload().getIssuedAt().toInstant()).isEqualTo(now.minusSeconds(60));
        assertThat(parsed.getPayload().getExpiration().toInstant()).isEqualTo(now.plusSeconds(9 * 60));
    }

    @Test
    void one_token_serves_for_five_minutes_then_a_new_one_is_signed() throws Exception {
        // given
        Instant start = Instant.parse("2026-11-21T06:00:00Z");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) PrivateKeys.parse(PrivateKeysTest.key("app-pkcs1.pem"));
        dev.pipfix.testing.MutableClock clock = new dev.pipfix.testing.MutableClock(start);
        AppJwt jwt = new AppJwt("123456", key, clock);

        // when
        String first = jwt.current();
        clock.advance(java.time.Duration.ofMinutes(5).minusSeconds(1));
        String withinFive = jwt.current();
        clock.advance(java.time.Duration.ofSeconds(1));
        String afterFive = jwt.current();
        clock.advance(java.time.Duration.ofMinutes(-5));
        String afterTheClockWentBack = jwt.current();

        // then
        assertThat(withinFive).isEqualTo(first);
        assertThat(afterFive).isNotEqualTo(first);
        assertThat(Jwts.parser()
                        .clock(() -> java.util.Date.from(clock.instant()))
                        .verifyWith(publicKeyOf(key))
                        .build()
                        .parseSignedClaims(afterFive)
                        .getPayload()
                        .getIssuedAt()
                        .toInstant())
                .isEqualTo(start.plusSeconds(4 * 60));
        assertThat(afterTheClockWentBack).isNotEqualTo(afterFive);
    }

    private static PublicKey publicKeyOf(RSAPrivateCrtKey key) throws Exception {
        BigInteger exponent = key.getPublicExponent();
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), exponent));
    }
}
