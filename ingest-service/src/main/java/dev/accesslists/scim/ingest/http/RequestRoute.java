package dev.accesslists.scim.ingest.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Locale;
import java.util.Set;

/**
 * What a SCIM request was, in a bounded form: its method and route template relative to the SCIM
 * base path, e.g. {@code PATCH /Groups/{id}}; never a path with ids, nor a query. An integration's
 * last request and the request metrics are both noted in these words.
 */
public final class RequestRoute {
    /** The route of a request that matched no endpoint (its path is not kept). */
    public static final String NO_SUCH_ENDPOINT = "(no such endpoint)";
    /** Methods named as they are; any other is {@code OTHER}, since a client may invent methods. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** The service's own endpoints, which are never SCIM requests whatever the base path. */
    private static final Set<String> OWN = Set.of("/health", "/ready", "/metrics");

    private RequestRoute() {
    }

    /**
     * Makes the matched endpoint known to the after-handlers even when a before-handler refused
     * the request (a 401, a 429): Javalin notes the endpoint a request will match when there is a
     * before-matched handler for its path, and this one does nothing else.
     */
    public static void track(JavalinConfig config, String base) {
        config.routes.beforeMatched(base + "/*", ctx -> { });
    }

    /**
     * The method and route template of a request under {@code base}, e.g. {@code GET /Users/{id}};
     * null when the request is not a SCIM request (the service's own endpoints).
     */
    public static String of(Context ctx, String base) {
        String path = ctx.path();
        if (OWN.contains(path) || !path.regionMatches(true, 0, base, 0, base.length())) {
            return null;
        }
        String method = ctx.method().name().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            method = "OTHER";
        }
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        if (endpoint == null) {
            endpoint = ctx.endpoints().matchedHttpEndpoint();
        }
        if (endpoint == null) {
            return method + " " + NO_SUCH_ENDPOINT;
        }
        String route = endpoint.path;
        if (route.regionMatches(true, 0, base, 0, base.length())) {
            route = route.substring(base.length());
        }
        return method + " " + route;
    }
}
