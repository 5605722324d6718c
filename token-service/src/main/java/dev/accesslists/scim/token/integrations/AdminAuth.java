package dev.accesslists.scim.token.integrations;

import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Checks the admin bearer token (RFC 6750 §2.1 header form). Both sides are hashed before the
 * constant-time comparison, so neither the content nor the length of the token leaks through
 * timing.
 */
final class AdminAuth {
    private static final String BEARER = "bearer ";
    private final byte[] expectedHash;

    AdminAuth(String adminToken) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("adminToken is required");
        }
        this.expectedHash = sha256(adminToken);
    }

    /**
     * Whether the request carries the admin token; answers 401 itself when it does not, so the
     * caller just returns.
     */
    boolean permits(Context ctx) {
        String header = ctx.header("Authorization");
        String presented = "";
        if (header != null && header.length() > BEARER.length()
                && header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            presented = header.substring(BEARER.length()).strip();
        }
        if (MessageDigest.isEqual(sha256(presented), expectedHash) && !presented.isEmpty()) {
            return true;
        }
        ctx.header("WWW-Authenticate", "Bearer realm=\"token-service-admin\"");
        ctx.header("Cache-Control", "no-store");
        JsonResponses.error(ctx, 401, "unauthorized", "a valid admin bearer token is required");
        return false;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
