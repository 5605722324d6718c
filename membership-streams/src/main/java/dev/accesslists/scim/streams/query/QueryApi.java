package dev.accesslists.scim.streams.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.scim.Filter;
import dev.accesslists.scim.schemas.scim.FilterParser;
import dev.accesslists.scim.schemas.scim.ScimError;
import dev.accesslists.scim.schemas.scim.ScimException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The internal read API that the ingest service calls. Every read may carry
 * {@code bound=partition:offset}: the command-log position it must reflect.
 */
public final class QueryApi {
    public static final String PREFIX = "/internal/v1/directories/{dir}";

    private final DirectoryQueries queries;
    private final QueryRouter router;
    private final InternalAuth auth;

    /**
     * @param streams the running Kafka Streams instance
     * @param self this instance's {@code application.server}, to tell local directories from remote ones
     * @param internalToken the shared secret every caller must present as a bearer token
     * @param tls when not null, the API is served over mutual TLS and forwards over it
     */
    public QueryApi(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, Duration maxWait, String internalToken,
                    SSLContext tls) {
        this.queries = new DirectoryQueries(streams, maxWait);
        this.auth = new InternalAuth(internalToken);
        this.router = new QueryRouter(streams, self, auth.authorization(), tls);
    }

    public void routes(JavalinConfig config) {
        config.routes.before("/internal/*", auth::require);
        config.routes.get(PREFIX + "/users/{id}", router.route(this::user));
        config.routes.get(PREFIX + "/users", router.route(this::users));
        config.routes.get(PREFIX + "/groups/{id}", router.route(this::group));
        config.routes.get(PREFIX + "/groups/{id}/members", router.route(this::memberPage));
        config.routes.get(PREFIX + "/groups", router.route(this::groups));
        config.routes.exception(ScimException.class, (e, ctx) -> error(ctx, e.error()));
        config.routes.exception(DirectoryQueries.NotReadyException.class,
                (e, ctx) -> error(ctx, new ScimError(503, null, e.getMessage())));
        config.routes.exception(InternalAuth.Refused.class,
                (e, ctx) -> error(ctx, new ScimError(401, null, "the internal API needs its credential")));
    }

    private void user(Context ctx) {
        bounded(ctx, dir -> json(ctx, queries.user(dir, ctx.pathParam("id"))
                .orElseThrow(() -> ScimException.notFound("User " + ctx.pathParam("id") + " not found"))));
    }

    private void users(Context ctx) {
        bounded(ctx, dir -> json(ctx, queries.users(dir, filter(ctx), intParam(ctx, "startIndex", 1),
                intParam(ctx, "count", 100))));
    }

    private void group(Context ctx) {
        bounded(ctx, dir -> json(ctx, queries.group(dir, ctx.pathParam("id"), members(ctx))
                .orElseThrow(() -> ScimException.notFound("Group " + ctx.pathParam("id") + " not found"))));
    }

    /** A bounded piece of a group's members: {@code after} (a member id) and {@code limit} (at most 10,000). */
    private void memberPage(Context ctx) {
        int limit = Math.max(1, Math.min(10_000, intParam(ctx, "limit", 1000)));
        bounded(ctx, dir -> json(ctx, queries.members(dir, ctx.pathParam("id"), ctx.queryParam("after"), limit)
                .orElseThrow(() -> ScimException.notFound("Group " + ctx.pathParam("id") + " not found"))));
    }

    private void groups(Context ctx) {
        bounded(ctx, dir -> json(ctx, queries.groups(dir, filter(ctx), intParam(ctx, "startIndex", 1),
                intParam(ctx, "count", 100), members(ctx))));
    }

    /** What a read does once its bound is reached, given the directory id. */
    private interface Read {
        void run(String directoryId) throws Exception;
    }

    /**
     * Runs the read at once when the state has reached the request's bound (the common case);
     * otherwise the response completes later, when it has, without holding a request thread.
     */
    private void bounded(Context ctx, Read read) {
        String dir = ctx.pathParam("dir");
        CompletableFuture<Void> applied = awaitBound(ctx, dir);
        if (applied.isDone() && !applied.isCompletedExceptionally()) {
            runRead(read, dir);
            return;
        }
        ctx.future(() -> applied.thenRun(() -> runRead(read, dir)));
    }

    private static void runRead(Read read, String dir) {
        try {
            read.run(dir);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<Void> awaitBound(Context ctx, String dir) {
        String bound = ctx.queryParam("bound");
        if (bound == null || bound.isBlank()) {
            return CompletableFuture.completedFuture(null);
        }
        String[] parts = bound.split(":");
        try {
            return queries.applied(dir, Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw ScimException.invalidValue("bound must be partition:offset");
        }
    }

    private static Filter filter(Context ctx) {
        String filter = ctx.queryParam("filter");
        return filter == null || filter.isBlank() ? null : FilterParser.parse(filter);
    }

    private static boolean members(Context ctx) {
        return !"false".equalsIgnoreCase(ctx.queryParam("members"));
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer");
        }
    }

    private static void json(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a query answer", e);
        }
    }

    private static void error(Context ctx, ScimError error) {
        ctx.status(error.status()).contentType("application/json").result(error.toJson().toString());
    }
}
