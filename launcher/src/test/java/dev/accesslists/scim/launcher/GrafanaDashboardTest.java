package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.ingest.metrics.IngestMetrics;
import dev.accesslists.scim.schemas.runtime.ServiceMetrics;
import dev.accesslists.scim.streams.MembershipTopology;
import dev.accesslists.scim.streams.StreamsMetrics;
import dev.accesslists.scim.streams.directory.ProcessingStats;
import dev.accesslists.scim.streams.query.QueryApi;
import dev.accesslists.scim.token.oauth.TokenMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard in {@code ops/grafana} shows only series the services register: the
 * names come from registries built by the services' own metrics classes (their Kafka clients
 * created, never connected), so renaming a series without the dashboard fails here.
 */
class GrafanaDashboardTest {
    @TempDir
    static Path state;
    /** The sample names each service's /metrics shows, by service. */
    private static Map<String, Set<String>> registered;

    @BeforeAll
    static void scrapeEveryService() {
        registered = Map.of(
                "token-service", PrometheusText.parse(tokenScrape()).names(),
                "ingest-service", PrometheusText.parse(ingestScrape()).names(),
                "membership-streams", PrometheusText.parse(streamsScrape(state)).names());
    }

    @Test
    void selectsOnlySeriesThatTheNamedServiceRegisters() {
        GrafanaDashboard dashboard = GrafanaDashboard.load();
        Set<String> any = registered.values().stream().flatMap(Set::stream).collect(Collectors.toSet());

        assertThat(dashboard.selectors()).isNotEmpty().allSatisfy(selector -> {
            Set<String> names = selector.service() == null ? any : registered.get(selector.service());
            assertThat(names).as("series of %s, selected by %s", selector.service() == null ? "any service"
                    : selector.service(), selector.expression()).isNotNull().contains(selector.metric());
        });
    }

    @Test
    void showsEverySeriesAnOperatorNeeds() {
        Set<String> shown = new HashSet<>();
        GrafanaDashboard.load().selectors().forEach(s -> shown.add(s.metric()));

        assertThat(shown).contains(
                "scim_requests_seconds_count",
                "scim_write_outcome_seconds_bucket",
                "scim_read_wait_seconds_bucket",
                "scim_token_issued_total",
                "scim_token_failures_total",
                "kafka_stream_thread_process_rate",
                "kafka_stream_thread_commit_latency_avg",
                "kafka_consumer_fetch_manager_records_lag_max",
                "scim_writer_dead_letters_total");
    }

    @Test
    void isImportableWithAPrometheusDataSourceInput() {
        GrafanaDashboard dashboard = GrafanaDashboard.load();

        JsonNode input = dashboard.json.path("__inputs").get(0);
        assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
        assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
        assertThat(dashboard.json.path("uid").asText()).isNotBlank();
        assertThat(dashboard.panels()).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
            assertThat(panel.path("targets")).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.path("expr").asText()).isNotBlank());
        });
        assertThat(dashboard.panels().stream().map(p -> p.path("id").asInt()).distinct().count())
                .isEqualTo(dashboard.panels().size());
    }

    @Test
    void findsTheSeriesOfAnExpression() {
        assertThat(GrafanaDashboard.selectors("histogram_quantile(0.99, sum by (le) (rate(a_bucket{service=\"x\", "
                + "le=~\"1.*\"}[$__rate_interval]))) / ignoring (le) b_total + on (job) up"))
                .extracting(GrafanaDashboard.Selector::metric, GrafanaDashboard.Selector::service)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a_bucket", "x"),
                        org.assertj.core.groups.Tuple.tuple("b_total", null),
                        org.assertj.core.groups.Tuple.tuple("up", null));
    }

    static String tokenScrape() {
        try (ServiceMetrics service = ServiceMetrics.create("token-service")) {
            TokenMetrics tokens = new TokenMetrics(service.registry(), id -> true);
            tokens.issued("client-1");
            tokens.failed("invalid_client", "client-1");
            return service.scrape();
        }
    }

    static String ingestScrape() {
        try (ServiceMetrics service = ServiceMetrics.create("ingest-service");
             KafkaConsumer<String, byte[]> outcomes = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                     ConsumerConfig.CLIENT_ID_CONFIG, "ingest-outcomes"),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            IngestMetrics metrics = new IngestMetrics(service.registry());
            metrics.request("POST /Users", 201, "client-1", 1_000_000);
            metrics.writesWaiting(() -> 0);
            try (IngestMetrics.Published listener = metrics.kafkaConsumer(outcomes)) {
                return service.scrape();
            }
        }
    }

    static String streamsScrape(Path stateDir) {
        ProcessingStats stats = new ProcessingStats();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dashboard-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try (StreamsMetrics metrics = new StreamsMetrics(stats, () -> 0);
             KafkaStreams streams = new KafkaStreams(MembershipTopology.build(stats), props)) {
            new QueryApi(() -> null, () -> null, Duration.ofSeconds(1), "unused", null, metrics.registry());
            metrics.bind(streams);
            String scrape = metrics.scrape();
            streams.close(Duration.ofSeconds(5));
            return scrape;
        }
    }
}
