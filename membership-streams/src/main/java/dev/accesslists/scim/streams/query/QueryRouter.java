package dev.accesslists.scim.streams.query;

import dev.accesslists.scim.streams.directory.StoreNames;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * With several membership-streams instances, a directory's state lives on the instance that owns
 * its partition. A query that reaches another instance is forwarded once to the owner (found
 * with {@code queryMetadataForKey} and {@code application.server}), so callers may ask any
 * instance.
 */
final class QueryRouter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QueryRouter.class);
    static final String FORWARDED = "X-Query-Forwarded";

    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;
    private final String authorization;
    private final String scheme;
    private final HttpClient http;

    QueryRouter(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, String authorization, SSLContext tls) {
        this.streams = streams;
        this.self = self;
        this.authorization = authorization;
        this.scheme = tls == null ? "http" : "https";
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
    }

    /** Runs {@code local} when this instance owns the directory, else answers with the owner's answer. */
    Handler route(Handler local) {
        return route(local, StoreNames.PROGRESS, ctx -> ctx.pathParam("dir"));
    }

    /**
     * Runs {@code local} when this instance owns the key {@code key} finds in the request (a key of
     * the topic that feeds {@code store}), else answers with the owner's answer.
     */
    Handler route(Handler local, String store, java.util.function.Function<Context, String> key) {
        return ctx -> {
            Optional<HostInfo> owner = owner(store, key.apply(ctx));
            if (owner.isEmpty() || owner.get().equals(self.get()) || ctx.header(FORWARDED) != null) {
                local.handle(ctx);
            } else {
                forward(ctx, owner.get());
            }
        };
    }

    private Optional<HostInfo> owner(String store, String key) {
        KafkaStreams instance = streams.get();
        if (instance == null || !instance.state().isRunningOrRebalancing()) {
            return Optional.empty();
        }
        if (key == null) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata = instance.queryMetadataForKey(store, key, new StringSerializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return Optional.empty();
        }
        return Optional.of(metadata.activeHost());
    }

    private void forward(Context ctx, HostInfo owner) {
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + owner.host() + ":" + owner.port()
                        + ctx.path() + query))
                .header(FORWARDED, self.get().host() + ":" + self.get().port())
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(12))
                .GET().build();
        ctx.future(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenAccept(response -> {
            ctx.status(response.statusCode());
            response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
            ctx.result(response.body());
        }).exceptionally(e -> {
            LOG.warn("cannot forward a query to {}:{}: {}", owner.host(), owner.port(), e.getClass().getSimpleName());
            throw new DirectoryQueries.NotReadyException("the instance owning this directory is not reachable");
        }));
    }
}
