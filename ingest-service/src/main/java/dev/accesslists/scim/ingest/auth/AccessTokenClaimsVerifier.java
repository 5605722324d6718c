package dev.accesslists.scim.ingest.auth;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The claim checks of RFC 9068 §4: {@code iss} matches exactly (step 3), {@code aud} contains
 * this resource server (step 4), {@code exp} is in the future (step 6), and the §2.2 claims the
 * service relies on ({@code sub}, {@code client_id}) are present. Reads time from the injected
 * clock. Rejections carry fixed, client-safe messages.
 */
final class AccessTokenClaimsVerifier implements JWTClaimsSetVerifier<SecurityContext> {
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Duration maxClockSkew;

    AccessTokenClaimsVerifier(String issuer, String audience, Clock clock, Duration maxClockSkew) {
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
    }

    /** A claim check failed; the message is safe to show the client. */
    static final class Rejected extends BadJWTException {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        if (!issuer.equals(claims.getIssuer())) {
            throw new Rejected("the access token was not issued by the expected issuer");
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            throw new Rejected("the access token is not meant for this service");
        }
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new Rejected("the access token has no expiry");
        }
        if (!expiry.toInstant().plus(maxClockSkew).isAfter(now)) {
            throw new Rejected("the access token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(maxClockSkew).isAfter(now)) {
            throw new Rejected("the access token is not valid yet");
        }
        if (isBlank(claims.getSubject()) || isBlank(stringClaim(claims, "client_id"))) {
            throw new Rejected("the access token lacks the sub or client_id claim");
        }
        stringClaim(claims, "scope");
        try {
            Long generation = claims.getLongClaim("gen");
            if (generation != null && generation < 0) {
                throw new Rejected("the access token's gen claim is negative");
            }
        } catch (ParseException e) {
            throw new Rejected("the access token's gen claim is not a number");
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) throws Rejected {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new Rejected("the access token's " + name + " claim is not a string");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
