package dev.accesslists.scim.streams;

import dev.accesslists.scim.schemas.TopicInstaller;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.runtime.ServiceMetrics;
import dev.accesslists.scim.streams.directory.ProcessingStats;
import dev.accesslists.scim.streams.query.QueryApi;
import dev.accesslists.scim.streams.query.QueryTls;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the membership-streams service: topics, Kafka Streams, the query API. */
public final class MembershipStreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MembershipStreamsApp.class);

    private final StreamsSettings settings;
    private final ProcessingStats stats = new ProcessingStats();
    private final StreamsHealth health = new StreamsHealth(java.time.Clock.systemUTC());
    private volatile KafkaStreams streams;
    private volatile KafkaStreams views;
    private Javalin http;
    private StreamsMetrics metrics;

    public MembershipStreamsApp(StreamsSettings settings) {
        this.settings = settings;
    }

    public MembershipStreamsApp start() {
        try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers()))) {
            TopicInstaller.ensure(admin, Topics.all(), settings.replicationFactor(),
                    java.util.Map.of(Topics.COMMANDS.name(), settings.commandPartitions()));
            // changelogs created by an older version keep Kafka's 1 MiB limit otherwise
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            TopicInstaller.raiseRecordLimit(admin, MembershipTopology.changelogTopics(settings.applicationId())
                    .stream().filter(existing::contains).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka", e);
        }
        metrics = new StreamsMetrics(stats, health::threadFailures);
        http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> ctx.result("ok"));
            // like /health and /ready, outside the internal API: Prometheus scrapes it without the
            // internal token (no secret is in any series); with mutual TLS it needs a client certificate
            config.routes.get("/metrics", ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.scrape()));
            config.routes.get("/ready", ctx -> {
                var notReady = health.notReadyBecause(streams);
                ctx.status(notReady.isPresent() ? 503 : 200).result(notReady.orElse("ready"));
            });
            config.routes.get("/status", ctx -> ctx.json(status()));
            // the port is known once Jetty has bound it, hence a supplier
            SSLContext tls = settings.tls() == null ? null : settings.tls().sslContext();
            if (tls != null) {
                config.jetty.addConnector((server, httpConfiguration) -> QueryTls.connector(server,
                        httpConfiguration, tls, settings.queryBindHost(), settings.queryPort()));
            }
            new QueryApi(this::streams, () -> views, () -> new HostInfo(settings.queryHost(), http.port()),
                    Duration.ofSeconds(10), settings.internalToken(), tls, metrics.registry()).routes(config);
        }).start(settings.queryBindHost(), settings.queryPort());
        streams = new KafkaStreams(MembershipTopology.build(stats), properties(http.port()));
        metrics.bind(streams);
        streams.setUncaughtExceptionHandler(e -> {
            health.threadFailed(e);
            LOG.error("stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        streams.start();
        Properties viewProperties = properties(http.port());
        viewProperties.put(StreamsConfig.APPLICATION_ID_CONFIG,
                MembershipTopology.listViewApplicationId(settings.applicationId()));
        viewProperties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        views = new KafkaStreams(MembershipTopology.listView(), viewProperties);
        views.setUncaughtExceptionHandler(e -> {
            LOG.error("view thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        views.start();
        LOG.info("membership-streams started; query API on port {}", http.port());
        return this;
    }

    /** Blocks until the tasks are assigned and restored, so reads and writes are served at once. */
    public void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING || views.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()
                    || !views.state().isRunningOrRebalancing()) {
                throw new IllegalStateException("membership-streams not running after " + timeout.toSeconds()
                        + " s (writer " + streams.state() + ", view " + views.state() + ")");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private KafkaStreams streams() {
        return streams;
    }

    /** What {@code GET /status} answers: readiness and the writer's counters since this process started. */
    public java.util.Map<String, Object> status() {
        var notReady = health.notReadyBecause(streams);
        java.util.Map<String, Object> status = new java.util.LinkedHashMap<>();
        status.put("ready", notReady.isEmpty());
        notReady.ifPresent(reason -> status.put("reason", reason));
        status.put("state", streams == null ? "STARTING" : streams.state().name());
        status.put("listViewState", views == null ? "STARTING" : views.state().name());
        java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean()
                .getHeapMemoryUsage();
        status.put("heapUsedBytes", heap.getUsed());
        status.put("heapMaxBytes", heap.getMax());
        // objects that outlive young collections: what a request holding much data would grow
        long old = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getName().contains("Old")) {
                old += pool.getUsage().getUsed();
            }
        }
        status.put("oldGenerationUsedBytes", old);
        status.put("threadFailures", health.threadFailures());
        status.put("commands", stats.commands());
        status.put("failedCommands", stats.failedCommands());
        status.put("retriesAnswered", stats.retriesAnswered());
        status.put("deadLettered", stats.deadLettered());
        status.put("deadLetteredByReason", stats.deadLetteredByReason());
        return status;
    }

    /** The writer's counters. */
    public ProcessingStats stats() {
        return stats;
    }

    public int queryPort() {
        return http.port();
    }

    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /** The instance that keeps the view keyed by Access List title. */
    public KafkaStreams listViews() {
        return views;
    }

    Properties properties(int port) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        // The thread commits only between polls: with the default 100 ms poll a write's outcome
        // waited up to 100 ms for its commit. Polling as often as we commit bounds that wait.
        props.put(StreamsConfig.POLL_MS_CONFIG, Math.max(1, Math.min(100, settings.commitIntervalMs() / 2)));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.queryHost() + ":" + port);
        // Changelog records carry the store position (KIP-796), so a store restored from its
        // changelog knows which commands it reflects and bounded reads do not wait forever.
        props.put(StreamsConfig.InternalConfig.IQ_CONSISTENCY_OFFSET_VECTOR_ENABLED, true);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, OversizedOutcomeHandler.class);
        // the topology has no global store; opting in to the future default only silences a warning
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), settings.sessionTimeoutMs());
        if (settings.instanceId() != null) {
            // static membership: a restart after a crash takes the tasks back at once, instead of
            // waiting for the session of the member that died to time out
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), settings.instanceId());
        }
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.MAX_RECORD_BYTES);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), Topics.MAX_RECORD_BYTES);
        return props;
    }

    @Override
    public void close() {
        // Leave the groups on a clean stop, so a restarted instance gets the tasks at once
        // instead of after the session timeout.
        for (KafkaStreams instance : new KafkaStreams[] {views, streams}) {
            if (instance != null) {
                instance.close(org.apache.kafka.streams.CloseOptions.timeout(Duration.ofSeconds(30))
                        .withGroupMembershipOperation(
                                org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            }
        }
        if (http != null) {
            http.stop();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    /** What {@code GET /metrics} answers from. */
    public StreamsMetrics metrics() {
        return metrics;
    }
}
