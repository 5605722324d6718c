package dev.accesslists.scim.token.integrations;

import dev.accesslists.scim.schemas.runtime.BearerSecret;
import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.http.Context;

/** Checks the admin bearer token (RFC 6750 §2.1 header form), in constant time. */
final class AdminAuth {
    private final BearerSecret adminToken;

    AdminAuth(String adminToken) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("adminToken is required");
        }
        this.adminToken = new BearerSecret(adminToken);
    }

    /**
     * Whether the request carries the admin token; answers 401 itself when it does not, so the
     * caller just returns.
     */
    boolean permits(Context ctx) {
        if (adminToken.presentedIn(ctx.header("Authorization"))) {
            return true;
        }
        ctx.header("WWW-Authenticate", "Bearer realm=\"token-service-admin\"");
        ctx.header("Cache-Control", "no-store");
        JsonResponses.error(ctx, 401, "unauthorized", "a valid admin bearer token is required");
        return false;
    }
}
