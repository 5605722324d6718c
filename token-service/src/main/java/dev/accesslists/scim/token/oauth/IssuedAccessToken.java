package dev.accesslists.scim.token.oauth;

import java.time.Instant;

/**
 * A signed access token and what the token response says about it.
 *
 * @param value the compact JWS; a bearer credential, never logged
 * @param expiresInSeconds RFC 6749 §5.1 {@code expires_in}
 * @param expiresAt the {@code exp} claim
 * @param scope the granted scope
 */
public record IssuedAccessToken(String value, long expiresInSeconds, Instant expiresAt, String scope) {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "IssuedAccessToken[expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }
}
