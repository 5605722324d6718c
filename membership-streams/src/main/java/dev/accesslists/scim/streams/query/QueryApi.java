package dev.accesslists.scim.streams.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.directory.SortSpec;
import dev.accesslists.scim.streams.lists.ListQueries;
import dev.accesslists.scim.streams.lists.ListViewStores;
import dev.accesslists.scim.schemas.scim.Filter;
import dev.accesslists.scim.schemas.scim.FilterParser;
import dev.accesslists.scim.schemas.scim.ScimError;
import dev.accesslists.scim.schemas.scim.ScimException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
    /** The view keyed by Access List title; the title is the {@code title} query parameter. */
    public static final String LISTS = "/internal/v1/lists";
    /**
     * How long reads waited for their read-your-writes bound ({@code scim_read_wait_seconds}), by
     * {@code result}: {@code reached}, or {@code not_ready} when the state did not reach it in time.
     */
    public static final String READ_WAIT = "scim.read.wait";

    private final DirectoryQueries queries;
    private final ListQueries lists;
    private final QueryRouter router;
    private final QueryRouter listRouter;
    private final InternalAuth auth;
    private final Timer boundReached;
    private final Timer boundNotReached;

    /**
     * @param streams the running Kafka Streams instance
     * @param self this instance's {@code application.server}, to tell local directories from remote ones
     * @param internalToken the shared secret every caller must present as a bearer token
     * @param tls when not null, the API is served over mutual TLS and forwards over it
     * @param metrics where the time reads wait for their bound is recorded
     */
    public QueryApi(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, Duration maxWait, String internalToken,
                    SSLContext tls, MeterRegistry metrics) {
        this(streams, streams, self, maxWait, internalToken, tls, metrics);
    }

    /**
     * @param views the Kafka Streams instance that keeps the view keyed by Access List title (a
     *     separate one, so that catching up on a burst of membership changes never delays the writer)
     */
    public QueryApi(Supplier<KafkaStreams> streams, Supplier<KafkaStreams> views, Supplier<HostInfo> self,
                    Duration maxWait, String internalToken, SSLContext tls, MeterRegistry metrics) {
        this.boundReached = readWait(metrics, "reached", maxWait);
        this.boundNotReached = readWait(metrics, "not_ready", maxWait);
        this.queries = new DirectoryQueries(streams, maxWait);
        this.lists = new ListQueries(views);
        this.auth = new InternalAuth(internalToken);
        this.router = new QueryRouter(streams, self, auth.authorization(), tls);
        this.listRouter = new QueryRouter(views, self, auth.authorization(), tls);
    }

    public void routes(JavalinConfig config) {
        config.routes.before("/internal/*", auth::require);
        config.routes.get(PREFIX + "/users/{id}", router.route(this::user));
        config.routes.get(PREFIX + "/users", router.route(this::users));
        config.routes.get(PREFIX + "/groups/{id}", router.route(this::group));
        config.routes.get(PREFIX + "/groups/{id}/members", router.route(this::memberPage));
        config.routes.get(PREFIX + "/groups", router.route(this::groups));
        config.routes.get(PREFIX + "/changes", router.route(this::recentChanges));
        config.routes.get(PREFIX + "/user-lists", router.route(this::usersWithLists));
        config.routes.get(PREFIX + "/linked-group", router.route(this::linkedGroup));
        config.routes.get(LISTS + "/members", listRouter.route(this::listMembers, ListViewStores.COUNTS, QueryApi::title));
        config.routes.get(LISTS + "/history", listRouter.route(this::listHistory, ListViewStores.COUNTS, QueryApi::title));
        config.routes.exception(ScimException.class, (e, ctx) -> error(ctx, e.error()));
        config.routes.exception(DirectoryQueries.NotReadyException.class,
                (e, ctx) -> error(ctx, new ScimError(503, null, e.getMessage())));
        config.routes.exception(InternalAuth.Refused.class,
                (e, ctx) -> error(ctx, new ScimError(401, null, "the internal API needs its credential")));
    }

    /** A user with its groups (a UserView), unless {@code groups=false}. */
    private void user(Context ctx) {
        bounded(ctx, dir -> json(ctx, queries.userView(dir, ctx.pathParam("id"), flag(ctx, "groups"))
                .orElseThrow(() -> ScimException.notFound("User " + ctx.pathParam("id") + " not found"))));
    }

    /** A page of users with their groups (UserViews), unless {@code groups=false}; {@code sortBy}, {@code sortOrder}. */
    private void users(Context ctx) {
        SortSpec sort = SortSpec.parse("User", ctx.queryParam("sortBy"), ctx.queryParam("sortOrder"));
        bounded(ctx, dir -> json(ctx, queries.userViews(dir, filter(ctx), intParam(ctx, "startIndex", 1),
                intParam(ctx, "count", 100), sort, flag(ctx, "groups"))));
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

    /** A page of groups: {@code filter}, {@code startIndex}, {@code count}, {@code members}, {@code sortBy}, {@code sortOrder}. */
    private void groups(Context ctx) {
        SortSpec sort = SortSpec.parse("Group", ctx.queryParam("sortBy"), ctx.queryParam("sortOrder"));
        bounded(ctx, dir -> json(ctx, queries.groups(dir, filter(ctx), intParam(ctx, "startIndex", 1),
                intParam(ctx, "count", 100), members(ctx), sort)));
    }

    /** The directory's latest membership changes, newest first: {@code limit} (at most 200). */
    private void recentChanges(Context ctx) {
        int limit = Math.max(1, Math.min(200, intParam(ctx, "limit", 50)));
        json(ctx, java.util.Map.of("changes", queries.recentChanges(ctx.pathParam("dir"), limit)));
    }

    /** A page of users with the lists each is in: {@code startIndex}, {@code count} (at most 200), {@code filter}. */
    private void usersWithLists(Context ctx) {
        int count = Math.max(0, Math.min(200, intParam(ctx, "count", 50)));
        json(ctx, queries.usersWithLists(ctx.pathParam("dir"), filter(ctx), intParam(ctx, "startIndex", 1), count));
    }

    /** The group linked to the Access List named by {@code accessList}, or 404. */
    private void linkedGroup(Context ctx) {
        String name = ctx.queryParam("accessList");
        if (name == null || name.isBlank()) {
            throw ScimException.invalidValue("accessList is required");
        }
        json(ctx, queries.linkedGroup(ctx.pathParam("dir"), name)
                .map(g -> java.util.Map.of("id", g.id(), "displayName", g.displayName()))
                .orElseThrow(() -> ScimException.notFound("no group of this directory is linked to " + name)));
    }

    /** A page of a list's members across integrations: {@code title}, {@code after}, {@code limit} (at most 500), {@code q}. */
    private void listMembers(Context ctx) {
        int limit = Math.max(1, Math.min(500, intParam(ctx, "limit", 50)));
        json(ctx, lists.members(requiredTitle(ctx), ctx.queryParam("after"), limit, ctx.queryParam("q")));
    }

    /** A member's history in a list: {@code title}, {@code dir}, {@code user}. */
    private void listHistory(Context ctx) {
        String dir = ctx.queryParam("dir");
        String user = ctx.queryParam("user");
        if (dir == null || user == null) {
            throw ScimException.invalidValue("dir and user are required");
        }
        json(ctx, java.util.Map.of("entries", lists.history(requiredTitle(ctx), dir, user)));
    }

    private static String title(Context ctx) {
        return ctx.queryParam("title");
    }

    private static String requiredTitle(Context ctx) {
        String title = title(ctx);
        if (title == null || title.isEmpty()) {
            throw ScimException.invalidValue("title is required");
        }
        return title;
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
        int partition;
        long offset;
        try {
            partition = Integer.parseInt(parts[0]);
            offset = Long.parseLong(parts[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw ScimException.invalidValue("bound must be partition:offset");
        }
        long since = System.nanoTime();
        CompletableFuture<Void> applied = queries.applied(dir, partition, offset);
        applied.whenComplete((done, failed) -> (failed == null ? boundReached : boundNotReached)
                .record(System.nanoTime() - since, java.util.concurrent.TimeUnit.NANOSECONDS));
        return applied;
    }

    private static Timer readWait(MeterRegistry metrics, String result, Duration maxWait) {
        return Timer.builder(READ_WAIT).description("Time reads waited for the state to reach their read-your-writes bound")
                .tag("result", result)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(maxWait.isZero() ? Duration.ofSeconds(1) : maxWait)
                .register(metrics);
    }

    private static Filter filter(Context ctx) {
        String filter = ctx.queryParam("filter");
        return filter == null || filter.isBlank() ? null : FilterParser.parse(filter);
    }

    private static boolean members(Context ctx) {
        return flag(ctx, "members");
    }

    /** A flag that is on unless the parameter says {@code false}. */
    private static boolean flag(Context ctx, String name) {
        return !"false".equalsIgnoreCase(ctx.queryParam(name));
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
