package dev.accesslists.scim.token.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.accesslists.scim.token.keys.SigningKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenIssuerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.750Z");

    @TempDir
    Path dataDir;

    @Test
    void shouldIssueRfc9068TokenWithExactTimes() throws Exception {
        // Given an issuer with a fixed clock and a 10-minute lifetime
        SigningKeys keys = SigningKeys.loadOrCreate(dataDir);
        AccessTokenIssuer issuer = new AccessTokenIssuer(keys, "https://auth.example", "https://scim.example/scim/v2",
                Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));

        // When a token is issued
        IssuedAccessToken token = issuer.issue("client-1", 3);

        // Then its times are whole seconds from the clock, and it is signed by the published key
        SignedJWT jwt = SignedJWT.parse(token.value());
        assertThat(jwt.verify(new RSASSAVerifier((RSAKey) keys.publicJwkSet().getKeys().get(0)))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        Instant issuedAt = Instant.parse("2026-03-01T12:00:00Z");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(issuedAt);
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(issuedAt);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(issuedAt.plus(Duration.ofMinutes(10)));
        assertThat(token.expiresAt()).isEqualTo(claims.getExpirationTime().toInstant());
        assertThat(token.expiresInSeconds()).isEqualTo(600);
        assertThat(claims.getClaims().keySet())
                .containsExactlyInAnyOrder("iss", "aud", "sub", "client_id", "iat", "nbf", "exp", "jti", "scope", "gen");
        assertThat(claims.getLongClaim("gen")).isEqualTo(3);
        assertThat(token.toString()).doesNotContain(token.value());
    }
}
