package dev.accesslists.scim.ingest.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Verifies RFC 9068 JWT access tokens from the token service and caches the result.
 *
 * <p>Checks (RFC 9068 §4): header {@code typ} is {@code at+jwt} (§2.1), the signature is RS256 with
 * a key from the JWK source (no other algorithm, no {@code alg: none}), {@code iss} matches
 * exactly, {@code aud} contains this service, {@code exp} is in the future (up to
 * {@value #MAX_CLOCK_SKEW_SECONDS} s of clock skew), and {@code sub} and {@code client_id} exist.
 *
 * <p>Signature verification dominates the cost of a request (an RS256 check costs tens of microseconds, more than the rest of a read), and an IdP
 * reuses one token for its whole lifetime. So a verified token is cached under the SHA-256 of the
 * token string until its {@code exp}: each token pays for verification once. The cache is
 * bounded; the token itself is never kept.
 */
public final class AccessTokenVerifier {
    /** Default bound of the verified-token cache. */
    public static final int DEFAULT_MAX_CACHE_SIZE = 10_000;
    static final int MAX_CLOCK_SKEW_SECONDS = 30;
    /** Far above any token the token service issues; bounds the work spent on junk. */
    private static final int MAX_TOKEN_LENGTH = 8_192;
    private static final int JWKS_CACHE_TTL_MINUTES = 5;
    private static final Duration JWKS_CACHE_TTL = Duration.ofMinutes(JWKS_CACHE_TTL_MINUTES);
    private static final Duration JWKS_REFRESH_TIMEOUT = Duration.ofSeconds(15);
    private static final Base64.Encoder CACHE_KEY_ENCODING = Base64.getUrlEncoder().withoutPadding();

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final VerifiedTokenCache cache;

    /**
     * @param jwkSource where the token service's public keys come from
     * @param issuer the expected {@code iss}, exactly as the token service is configured
     * @param audience this service's SCIM base URL, which {@code aud} must contain
     * @param clock the time source for {@code exp}/{@code nbf} checks and cache expiry
     * @param maxCacheSize the most verified tokens kept
     */
    public AccessTokenVerifier(JWKSource<SecurityContext> jwkSource, String issuer, String audience, Clock clock,
                               int maxCacheSize) {
        Objects.requireNonNull(jwkSource, "jwkSource");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clock, "clock");
        DefaultJWTProcessor<SecurityContext> jwtProcessor = new DefaultJWTProcessor<>();
        jwtProcessor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt")));
        jwtProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, jwkSource));
        jwtProcessor.setJWTClaimsSetVerifier(new AccessTokenClaimsVerifier(issuer, audience, clock,
                Duration.ofSeconds(MAX_CLOCK_SKEW_SECONDS)));
        this.processor = jwtProcessor;
        this.cache = new VerifiedTokenCache(maxCacheSize, clock);
    }

    /**
     * A verifier that fetches keys from the token service's JWKS URL. Nimbus caches the key set
     * for {@value #JWKS_CACHE_TTL_MINUTES} minutes, refreshes it ahead of expiry, and refetches
     * (rate-limited) when a token names a {@code kid} it does not know, so key rotation needs no
     * restart.
     */
    public static AccessTokenVerifier fromJwksUrl(URL jwksUrl, String issuer, String audience) {
        JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(jwksUrl)
                .cache(JWKS_CACHE_TTL.toMillis(), JWKS_REFRESH_TIMEOUT.toMillis())
                .refreshAheadCache(true)
                .rateLimited(true)
                .retrying(true)
                .build();
        return new AccessTokenVerifier(source, issuer, audience, Clock.systemUTC(), DEFAULT_MAX_CACHE_SIZE);
    }

    /**
     * Verifies a bearer token (as returned by {@link BearerAuth#extractBearer}).
     *
     * @throws InvalidTokenException if the token is malformed, forged, expired or not meant for
     *     this service; the message is safe to send to the client
     * @throws JwksUnavailableException if the signing keys could not be fetched
     */
    public VerifiedToken verify(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new InvalidTokenException("missing access token");
        }
        if (bearerToken.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("the access token is malformed");
        }
        String key = cacheKey(bearerToken);
        VerifiedToken cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        VerifiedToken verified = toVerifiedToken(process(bearerToken));
        cache.put(key, verified);
        return verified;
    }

    /** How many verified tokens are cached; for tests and metrics. */
    int cachedTokens() {
        return cache.size();
    }

    private JWTClaimsSet process(String token) {
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("the access token is malformed");
        } catch (AccessTokenClaimsVerifier.Rejected e) {
            throw new InvalidTokenException(e.getMessage());
        } catch (BadJOSEException e) {
            throw new InvalidTokenException("the access token's header or signature is invalid");
        } catch (KeySourceException e) {
            throw new JwksUnavailableException("the token service's signing keys cannot be fetched", e);
        } catch (JOSEException e) {
            throw new InvalidTokenException("the access token cannot be verified");
        }
    }

    private static VerifiedToken toVerifiedToken(JWTClaimsSet claims) {
        try {
            Long generation = claims.getLongClaim("gen");
            return new VerifiedToken(claims.getStringClaim("client_id"), claims.getStringClaim("scope"),
                    claims.getExpirationTime().toInstant(), generation == null ? 0 : generation);
        } catch (ParseException e) {
            // The claims verifier already checked these claims are strings.
            throw new InvalidTokenException("the access token is malformed");
        }
    }

    private static String cacheKey(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return CACHE_KEY_ENCODING.encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
