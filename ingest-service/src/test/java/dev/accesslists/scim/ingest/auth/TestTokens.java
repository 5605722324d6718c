package dev.accesslists.scim.ingest.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Signs access tokens the way the token service does, with knobs to get them wrong. */
final class TestTokens {
    static final String ISSUER = "http://token.example.test";
    static final String AUDIENCE = "http://scim.example.test/scim/v2";
    static final String CLIENT_ID = "okta-client-0001";
    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private TestTokens() {
    }

    static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a valid token issued at {@code now}, expiring an hour later. */
    static JWTClaimsSet.Builder validClaims(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(CLIENT_ID)
                .claim("client_id", CLIENT_ID)
                .claim("scope", "scim")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .jwtID(UUID.randomUUID().toString());
    }

    static JWSHeader.Builder validHeader(RSAKey key) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).type(AT_JWT).keyID(key.getKeyID());
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        return sign(validHeader(key).build(), claims, rsaSigner(key));
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static JWSSigner rsaSigner(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
