package dev.accesslists.scim.streams.query;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The internal query API answers only callers that present the shared internal token as a bearer
 * token. Both sides are hashed before a constant-time comparison, so neither the token nor its
 * length leaks through timing.
 */
final class InternalAuth {
    private static final String BEARER = "Bearer ";
    private final byte[] expected;
    private final String authorization;

    InternalAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the internal token is required");
        }
        this.expected = sha256(token);
        this.authorization = BEARER + token;
    }

    /** Thrown for a call without the credential; answered 401. */
    static final class Refused extends RuntimeException {
        Refused() {
            super("refused", null, false, false);
        }
    }

    void require(Context ctx) {
        String header = ctx.header("Authorization");
        String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : "";
        if (presented.isEmpty() || !MessageDigest.isEqual(sha256(presented), expected)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"internal\"");
            throw new Refused();
        }
    }

    /** The header value a forwarding instance sends. */
    String authorization() {
        return authorization;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
