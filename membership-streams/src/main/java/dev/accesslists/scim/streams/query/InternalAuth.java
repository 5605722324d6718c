package dev.accesslists.scim.streams.query;

import dev.accesslists.scim.schemas.runtime.BearerSecret;
import io.javalin.http.Context;

/**
 * The internal query API answers only callers that present the shared internal token as a bearer
 * token (compared in constant time).
 */
final class InternalAuth {
    private final BearerSecret token;
    private final String authorization;

    InternalAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the internal token is required");
        }
        this.token = new BearerSecret(token);
        this.authorization = "Bearer " + token;
    }

    /** Thrown for a call without the credential; answered 401. */
    static final class Refused extends RuntimeException {
        Refused() {
            super("refused", null, false, false);
        }
    }

    void require(Context ctx) {
        if (!token.presentedIn(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"internal\"");
            throw new Refused();
        }
    }

    /** The header value a forwarding instance sends. */
    String authorization() {
        return authorization;
    }
}
