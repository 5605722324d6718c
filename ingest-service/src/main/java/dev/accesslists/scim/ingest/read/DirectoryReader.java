package dev.accesslists.scim.ingest.read;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.accesslists.scim.ingest.metrics.IngestMetrics;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.directory.GroupView;
import dev.accesslists.scim.schemas.directory.MemberPage;
import dev.accesslists.scim.schemas.directory.ResultPage;
import dev.accesslists.scim.schemas.directory.SortSpec;
import dev.accesslists.scim.schemas.directory.UserView;
import dev.accesslists.scim.schemas.scim.ScimError;
import dev.accesslists.scim.schemas.scim.ScimException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Reads directory state from membership-streams with read-your-writes: each read takes end offsets
 * of the command log fetched after it arrived, and the read waits until the state has applied
 * everything before the end of the directory's partition. Any write acknowledged before the read
 * started, through any ingest instance, is therefore visible (the README's consistency point 4,
 * read your writes). The end offsets are fetched for many reads at once ({@link ReadIndex}), and
 * the internal hop is asynchronous: no request thread waits on it.
 */
public final class DirectoryReader implements AutoCloseable {
    private static final TypeReference<ResultPage<UserView>> USER_PAGE = new TypeReference<>() { };
    private static final TypeReference<ResultPage<GroupView>> GROUP_PAGE = new TypeReference<>() { };

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DirectoryReader.class);
    /** A little above the query API's own wait for the read bound, so its answer comes first. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(12);

    /** Internal answers are small, except a group's members: room for a large group, bounded. */
    private static final int MAX_ANSWER_BYTES = 256 * 1024 * 1024;

    private final Admin admin;
    private final HttpClient http;
    private final URI queryUrl;
    private final String internalAuthorization;
    private final List<TopicPartition> commandPartitions;
    private final ReadIndex<Map<Integer, Long>> endOffsets;
    private final IngestMetrics metrics;

    /**
     * @param internalToken the shared secret the query API requires
     * @param tls the TLS context for a query API served over mutual TLS, or null
     * @param metrics where the time a read waits for its bound is recorded
     */
    public DirectoryReader(String bootstrapServers, URI queryUrl, String internalToken, javax.net.ssl.SSLContext tls,
                           IngestMetrics metrics) {
        this.metrics = metrics;
        this.http = httpClient(tls);
        // while Kafka is unreachable a read fails within seconds (503) instead of waiting a minute
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000));
        this.queryUrl = queryUrl;
        this.internalAuthorization = "Bearer " + internalToken;
        // known before the first request, so no request thread waits for it
        int partitions = countPartitions(Topics.COMMANDS.name());
        this.commandPartitions = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(Topics.COMMANDS.name(), p)).toList();
        this.endOffsets = new ReadIndex<>(this::lookUpEndOffsets);
    }

    private static HttpClient httpClient(javax.net.ssl.SSLContext tls) {
        ClientConnector connector = new ClientConnector();
        connector.setConnectTimeout(Duration.ofSeconds(3));
        if (tls != null) {
            SslContextFactory.Client ssl = new SslContextFactory.Client();
            ssl.setSslContext(tls);
            connector.setSslContextFactory(ssl);
        }
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setMaxConnectionsPerDestination(256);
        client.setMaxRequestsQueuedPerDestination(16384);
        client.setFollowRedirects(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the internal HTTP client", e);
        }
        return client;
    }

    /** A user, with its groups unless {@code groups} is false (their lookup is then skipped). */
    public CompletableFuture<Optional<UserView>> user(String dir, String id, boolean groups) {
        return get(dir, "/users/" + encode(id), Map.of("groups", String.valueOf(groups)))
                .thenApply(body -> body.map(b -> read(b, UserView.class)));
    }

    /** A page of users, sorted by {@code sort} (null: the default order), each with its groups unless {@code groups} is false. */
    public CompletableFuture<ResultPage<UserView>> users(String dir, String filter, int startIndex, int count,
                                                         SortSpec sort, boolean groups) {
        Map<String, String> params = listParams(filter, startIndex, count, true, sort);
        params.put("groups", String.valueOf(groups));
        return get(dir, "/users", params).thenApply(body -> read(body.orElseThrow(), USER_PAGE));
    }

    public CompletableFuture<Optional<GroupView>> group(String dir, String id, boolean members) {
        return get(dir, "/groups/" + encode(id), Map.of("members", String.valueOf(members)))
                .thenApply(body -> body.map(b -> read(b, GroupView.class)));
    }

    /** Up to {@code limit} members of a group after member {@code after} (null: from the first); empty when no such group. */
    public CompletableFuture<Optional<MemberPage>> members(String dir, String groupId, String after, int limit) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        if (after != null) {
            params.put("after", after);
        }
        params.put("limit", String.valueOf(limit));
        return get(dir, "/groups/" + encode(groupId) + "/members", params)
                .thenApply(body -> body.map(b -> read(b, MemberPage.class)));
    }

    public CompletableFuture<ResultPage<GroupView>> groups(String dir, String filter, int startIndex, int count,
                                                           boolean members) {
        return groups(dir, filter, startIndex, count, members, null);
    }

    /** A page of groups sorted by {@code sort} (null: the default order). */
    public CompletableFuture<ResultPage<GroupView>> groups(String dir, String filter, int startIndex, int count,
                                                           boolean members, SortSpec sort) {
        return get(dir, "/groups", listParams(filter, startIndex, count, members, sort))
                .thenApply(body -> read(body.orElseThrow(), GROUP_PAGE));
    }

    private static Map<String, String> listParams(String filter, int startIndex, int count, boolean members,
                                                  SortSpec sort) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        if (filter != null) {
            params.put("filter", filter);
        }
        params.put("startIndex", String.valueOf(startIndex));
        params.put("count", String.valueOf(count));
        params.put("members", String.valueOf(members));
        if (sort != null) {
            params.put("sortBy", sort.attribute());
            params.put("sortOrder", sort.descending() ? "descending" : "ascending");
        }
        return params;
    }

    /** An internal answer: status and body. */
    private record Answer(int status, byte[] body) {
    }

    /** GET on the query API after fixing the bound; empty on 404; SCIM errors are rethrown as such. */
    private CompletableFuture<Optional<byte[]>> get(String dir, String path, Map<String, String> params) {
        return bound(dir).thenCompose(bound -> {
            StringBuilder uri = new StringBuilder(queryUrl.toString()).append("/internal/v1/directories/")
                    .append(encode(dir)).append(path).append("?bound=").append(bound);
            params.forEach((k, v) -> uri.append('&').append(k).append('=').append(encode(v)));
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            http.newRequest(URI.create(uri.toString()))
                    .headers(h -> h.put("Authorization", internalAuthorization))
                    .timeout(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .send(new BufferingResponseListener(MAX_ANSWER_BYTES) {
                        @Override
                        public void onComplete(org.eclipse.jetty.client.Result result) {
                            if (result.isFailed()) {
                                answer.completeExceptionally(result.getFailure());
                            } else {
                                answer.complete(new Answer(result.getResponse().getStatus(), getContent()));
                            }
                        }
                    });
            return answer;
        }).handle((response, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                if (cause instanceof ScimException scim) {
                    throw scim;
                }
                LOG.warn("directory read failed: {}", cause.getClass().getSimpleName());
                throw unreachable();
            }
            if (response.status() == 404) {
                return Optional.empty();
            }
            if (response.status() == 400) {
                // the client's own mistake (a filter the query side refused): its detail is for the client
                throw new ScimException(errorOf(response.body()));
            }
            if (response.status() != 200) {
                // internal details (hosts, states, a wrong internal token) stay in the log
                ScimError internal = errorOf(response.body());
                LOG.warn("the query API answered {}: {}", response.status(), internal.detail());
                throw unreachable();
            }
            return Optional.of(response.body());
        });
    }

    private static ScimError errorOf(byte[] body) {
        try {
            return ScimError.fromJson(Json.mapper().readTree(body));
        } catch (IOException | IllegalArgumentException e) {
            return new ScimError(503, null, "unreadable answer");
        }
    }

    private static ScimException unreachable() {
        return new ScimException(new ScimError(503, null, "directory state is not available right now; retry later"));
    }

    /** {@code partition:offset} of the last command of the directory's partition, looked up after this call. */
    private CompletableFuture<String> bound(String dir) {
        int partition = Utils.toPositive(Utils.murmur2(dir.getBytes(StandardCharsets.UTF_8)))
                % commandPartitions.size();
        long asked = System.nanoTime();
        return endOffsets.next().thenApply(ends -> {
            metrics.readBound(System.nanoTime() - asked);
            return partition + ":" + (ends.get(partition) - 1);
        });
    }

    /** One round trip for the end offsets of every command partition. */
    private CompletableFuture<Map<Integer, Long>> lookUpEndOffsets() {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        commandPartitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        return admin.listOffsets(request).all().toCompletionStage().toCompletableFuture().thenApply(result -> {
            Map<Integer, Long> ends = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : result.entrySet()) {
                ends.put(e.getKey().partition(), e.getValue().offset());
            }
            return ends;
        });
    }

    private int countPartitions(String topic) {
        try {
            return admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, java.util.concurrent.TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        } catch (Exception e) {
            throw unreachable();
        }
    }

    private static <T> T read(byte[] body, Class<T> type) {
        try {
            return Json.mapper().readValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable query answer", e);
        }
    }

    private static <T> T read(byte[] body, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable query answer", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            LOG.debug("internal HTTP client did not stop cleanly", e);
        }
        admin.close(Duration.ofSeconds(5));
    }
}
