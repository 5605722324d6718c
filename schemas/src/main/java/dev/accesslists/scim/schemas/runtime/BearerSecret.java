package dev.accesslists.scim.schemas.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A shared secret presented as an RFC 6750 bearer token (the admin token, the internal token).
 * Both sides are hashed before a constant-time comparison, so neither the secret nor its length
 * leaks through timing. The secret itself is not kept.
 */
public final class BearerSecret {
    private static final String BEARER = "bearer ";
    private final byte[] expected;

    public BearerSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the secret is required");
        }
        this.expected = sha256(secret);
    }

    /** Whether an {@code Authorization} header value carries the secret (scheme name in any case). */
    public boolean presentedIn(String authorizationHeader) {
        String presented = "";
        if (authorizationHeader != null && authorizationHeader.length() > BEARER.length()
                && authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            presented = authorizationHeader.substring(BEARER.length()).strip();
        }
        return MessageDigest.isEqual(sha256(presented), expected) && !presented.isEmpty();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
