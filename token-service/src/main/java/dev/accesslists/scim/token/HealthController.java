package dev.accesslists.scim.token;

import dev.accesslists.scim.token.integrations.IntegrationStore;
import dev.accesslists.scim.token.web.JsonResponses;
import io.javalin.http.Context;

/** Liveness and readiness probes. */
final class HealthController {
    private final IntegrationStore store;

    HealthController(IntegrationStore store) {
        this.store = store;
    }

    /** {@code GET /health}: 200 while the process serves HTTP. */
    void health(Context ctx) {
        JsonResponses.write(ctx, 200, JsonResponses.object().put("status", "UP"));
    }

    /** {@code GET /ready}: 200 once the integration store has caught up, 503 before. */
    void ready(Context ctx) {
        boolean ready = store.ready();
        JsonResponses.write(ctx, ready ? 200 : 503, JsonResponses.object().put("status", ready ? "READY" : "NOT_READY"));
    }
}
