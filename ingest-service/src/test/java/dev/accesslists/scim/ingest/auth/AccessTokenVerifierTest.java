package dev.accesslists.scim.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessTokenVerifierTest {
    private static final RSAKey KEY = TestTokens.newKey("key-1");
    private static final RSAKey OTHER_KEY_SAME_KID = TestTokens.newKey("key-1");
    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    private MutableClock clock;
    private CountingJwkSource keys;
    private AccessTokenVerifier verifier;

    @BeforeEach
    void createVerifier() {
        clock = new MutableClock(START);
        keys = new CountingJwkSource(new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())));
        verifier = new AccessTokenVerifier(keys, TestTokens.ISSUER, TestTokens.AUDIENCE, clock, 100);
    }

    @Test
    void shouldAcceptValidToken() {
        // Given a token as the token service issues it
        String token = TestTokens.sign(KEY, TestTokens.validClaims(START).build());

        // When it is verified
        VerifiedToken verified = verifier.verify(token);

        // Then the caller learns the client, scope and expiry
        assertThat(verified).isEqualTo(new VerifiedToken(TestTokens.CLIENT_ID, "scim", START.plusSeconds(3600)));
    }

    @Test
    void shouldAcceptTheLongFormOfTheTokenType() {
        String token = TestTokens.sign(
                TestTokens.validHeader(KEY).type(new JOSEObjectType("application/at+jwt")).build(),
                TestTokens.validClaims(START).build(), TestTokens.rsaSigner(KEY));

        assertThat(verifier.verify(token).clientId()).isEqualTo(TestTokens.CLIENT_ID);
    }

    @Test
    void shouldRejectOtherTokenType() {
        // An ID token or a plain JWT must not pass as an access token (RFC 9068 §4 step 1)
        assertRejected(TestTokens.sign(TestTokens.validHeader(KEY).type(JOSEObjectType.JWT).build(),
                TestTokens.validClaims(START).build(), TestTokens.rsaSigner(KEY)));
    }

    @Test
    void shouldRejectMissingTokenType() {
        assertRejected(TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                TestTokens.validClaims(START).build(), TestTokens.rsaSigner(KEY)));
    }

    @Test
    void shouldRejectWrongIssuer() {
        assertRejected(TestTokens.sign(KEY, TestTokens.validClaims(START).issuer("http://evil.example").build()))
                .hasMessageContaining("issuer");
    }

    @Test
    void shouldRejectWrongAudience() {
        assertRejected(TestTokens.sign(KEY, TestTokens.validClaims(START)
                .audience(List.of("http://other.example/scim/v2")).build()))
                .hasMessageContaining("not meant for this service");
    }

    @Test
    void shouldAcceptAudienceListThatContainsThisService() {
        String token = TestTokens.sign(KEY, TestTokens.validClaims(START)
                .audience(List.of("http://other.example", TestTokens.AUDIENCE)).build());

        assertThat(verifier.verify(token).clientId()).isEqualTo(TestTokens.CLIENT_ID);
    }

    @Test
    void shouldRejectExpiredToken() {
        // Given a token that expired longer ago than the allowed clock skew
        Instant issued = START.minusSeconds(3600 + AccessTokenVerifier.MAX_CLOCK_SKEW_SECONDS + 1);

        // Then it is rejected as expired
        assertRejected(TestTokens.sign(KEY, TestTokens.validClaims(issued).build())).hasMessageContaining("expired");
    }

    @Test
    void shouldRejectTokenWithoutExpiry() {
        assertRejected(TestTokens.sign(KEY, TestTokens.validClaims(START).expirationTime(null).build()));
    }

    @Test
    void shouldRejectTokenNotValidYet() {
        assertRejected(TestTokens.sign(KEY, TestTokens.validClaims(START)
                .notBeforeTime(Date.from(START.plusSeconds(600))).build()));
    }

    @Test
    void shouldRejectBadSignature() {
        // Given a token signed by another key that claims the trusted kid
        assertRejected(TestTokens.sign(OTHER_KEY_SAME_KID, TestTokens.validClaims(START).build()));
    }

    @Test
    void shouldRejectTamperedPayload() {
        // Given a valid token whose payload is swapped for another client's
        String valid = TestTokens.sign(KEY, TestTokens.validClaims(START).build());
        String forged = TestTokens.sign(OTHER_KEY_SAME_KID,
                TestTokens.validClaims(START).claim("client_id", "someone-else").build());
        String[] validParts = valid.split("\\.");
        String[] forgedParts = forged.split("\\.");

        // Then the signature no longer matches
        assertRejected(validParts[0] + "." + forgedParts[1] + "." + validParts[2]);
    }

    @Test
    void shouldRejectHs256() throws Exception {
        // Given an HMAC token keyed with a secret an attacker chose
        byte[] secret = new byte[32];
        String token = TestTokens.sign(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(TestTokens.AT_JWT).keyID(KEY.getKeyID()).build(),
                TestTokens.validClaims(START).build(), new MACSigner(secret));

        // Then only RS256 is accepted
        assertRejected(token);
    }

    @Test
    void shouldRejectUnsecuredToken() {
        // Given alg: none
        String token = new PlainJWT(new PlainHeader.Builder().type(TestTokens.AT_JWT).build(),
                TestTokens.validClaims(START).build()).serialize();

        assertRejected(token);
    }

    @Test
    void shouldRejectMissingSubject() {
        assertRejected(TestTokens.sign(KEY, TestTokens.validClaims(START).subject(null).build()));
    }

    @Test
    void shouldRejectMissingClientId() {
        assertRejected(TestTokens.sign(KEY, TestTokens.validClaims(START).claim("client_id", null).build()));
    }

    @Test
    void shouldRejectClientIdThatIsNotAString() {
        assertRejected(TestTokens.sign(KEY, TestTokens.validClaims(START).claim("client_id", 42).build()));
    }

    @Test
    void shouldRejectGarbage() {
        assertRejected("not-a-jwt");
        assertRejected("a.b.c");
        assertThatThrownBy(() -> verifier.verify("")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void shouldVerifyTheSignatureOnlyOnceForARepeatedToken() {
        // Given a token verified once
        String token = TestTokens.sign(KEY, TestTokens.validClaims(START).build());
        VerifiedToken first = verifier.verify(token);
        int lookups = keys.calls.get();

        // When the IdP sends the same token again, later within its lifetime
        clock.advance(Duration.ofMinutes(30));
        VerifiedToken second = verifier.verify(token);

        // Then the answer comes from the cache, without touching the keys
        assertThat(second).isEqualTo(first);
        assertThat(keys.calls.get()).isEqualTo(lookups);
        assertThat(verifier.cachedTokens()).isEqualTo(1);
    }

    @Test
    void shouldNotServeExpiredCacheEntries() {
        // Given a cached token that expires in a minute
        String token = TestTokens.sign(KEY, TestTokens.validClaims(START)
                .expirationTime(Date.from(START.plusSeconds(60))).build());
        verifier.verify(token);
        int lookups = keys.calls.get();

        // When it is used just after its exp (still inside the clock skew allowance)
        clock.advance(Duration.ofSeconds(61));
        verifier.verify(token);

        // Then it was verified again rather than served from the cache
        assertThat(keys.calls.get()).isGreaterThan(lookups);

        // And once past the skew allowance it is rejected
        clock.advance(Duration.ofSeconds(AccessTokenVerifier.MAX_CLOCK_SKEW_SECONDS));
        assertRejected(token).hasMessageContaining("expired");
    }

    @Test
    void shouldNotCacheRejectedTokens() {
        String token = TestTokens.sign(KEY, TestTokens.validClaims(START).issuer("http://evil.example").build());

        assertRejected(token);
        assertRejected(token);

        assertThat(verifier.cachedTokens()).isZero();
    }

    @Test
    void shouldReportUnreachableKeysAsUnavailableNotAsInvalidToken() {
        // Given a key source that cannot be reached
        JWKSource<SecurityContext> down = (selector, context) -> {
            throw new KeySourceException("connection refused");
        };
        AccessTokenVerifier verifierWithoutKeys =
                new AccessTokenVerifier(down, TestTokens.ISSUER, TestTokens.AUDIENCE, clock, 10);

        // Then the caller can answer 503 instead of blaming the client
        assertThatThrownBy(() -> verifierWithoutKeys.verify(TestTokens.sign(KEY, TestTokens.validClaims(START).build())))
                .isInstanceOf(JwksUnavailableException.class);
    }

    private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String token) {
        return assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(InvalidTokenException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain(token));
    }

    /** Counts how often the verifier asks for keys. */
    private static final class CountingJwkSource implements JWKSource<SecurityContext> {
        final AtomicInteger calls = new AtomicInteger();
        private final JWKSource<SecurityContext> delegate;

        CountingJwkSource(JWKSource<SecurityContext> delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            calls.incrementAndGet();
            return delegate.get(selector, context);
        }
    }
}
