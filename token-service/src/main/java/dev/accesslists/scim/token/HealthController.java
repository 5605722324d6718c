package dev.accesslists.scim.token;

import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.http.Context;

/** Liveness and readiness probes. */
final class HealthController {
    private final java.util.function.BooleanSupplier stores;

    HealthController(java.util.function.BooleanSupplier stores) {
        this.stores = stores;
    }

    /** {@code GET /health}: 200 while the process serves HTTP. */
    void health(Context ctx) {
        JsonResponses.write(ctx, 200, JsonResponses.object().put("status", "UP"));
    }

    /** {@code GET /ready}: 200 once the integration, connector and Access List stores have caught up, 503 before. */
    void ready(Context ctx) {
        boolean ready = stores.getAsBoolean();
        JsonResponses.write(ctx, ready ? 200 : 503, JsonResponses.object().put("status", ready ? "READY" : "NOT_READY"));
    }
}
