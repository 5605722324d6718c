package dev.accesslists.scim.token.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.accesslists.scim.token.keys.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Mints RFC 9068 JWT access tokens: RS256, header {@code typ: at+jwt} (§2.1) and {@code kid}, and
 * the claims of §2.2: {@code iss}, {@code exp}, {@code aud}, {@code sub}, {@code client_id},
 * {@code iat}, {@code jti}, plus {@code nbf}, {@code scope} and {@value #GENERATION_CLAIM}: the
 * generation of the client's credentials the token was issued in, so that rotating the secret or
 * disabling the client revokes every token issued before. For the client credentials grant the
 * subject is the client itself, so {@code sub} equals {@code client_id}.
 */
public final class AccessTokenIssuer {
    /** The one scope this server grants: access to the SCIM API. */
    public static final String SCOPE = "scim";
    /** The claim naming the credentials generation the token was issued in. */
    public static final String GENERATION_CLAIM = "gen";
    /** RFC 9068 §2.1 media type, short form. */
    public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final SigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokenIssuer(SigningKeys keys, String issuer, String audience, Duration ttl, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Signs a token for this client, valid from now for the configured lifetime. */
    public IssuedAccessToken issue(String clientId, long generation) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        JWSHeader header = new JWSHeader.Builder(SigningKeys.ALGORITHM)
                .type(AT_JWT)
                .keyID(keys.keyId())
                .build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(clientId)
                .claim("client_id", clientId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", SCOPE)
                .claim(GENERATION_CLAIM, generation)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return new IssuedAccessToken(jwt.serialize(), ttl.toSeconds(), expiresAt, SCOPE);
    }
}
