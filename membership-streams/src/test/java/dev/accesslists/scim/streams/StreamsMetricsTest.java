package dev.accesslists.scim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.runtime.ServiceMetrics;
import dev.accesslists.scim.streams.directory.ProcessingStats;
import dev.accesslists.scim.streams.query.QueryApi;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What membership-streams' {@code GET /metrics} shows: the writer's counters, Kafka Streams' metrics, read waits. */
class StreamsMetricsTest {
    private static final String DIR = "dir-1";
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String INTERNAL_TOKEN = "internal-test-token";

    @TempDir
    Path state;

    @Test
    void countsWhatTheWriterDidFromItsProcessingStats() {
        ProcessingStats stats = new ProcessingStats();
        AtomicLong threadFailures = new AtomicLong(2);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        try (StreamsMetrics metrics = new StreamsMetrics(stats, threadFailures::get);
             TopologyTestDriver driver = new TopologyTestDriver(MembershipTopology.build(stats), props)) {
            TestInputTopic<byte[], byte[]> commands = driver.createInputTopic(Topics.COMMANDS.name(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            byte[] create = Topics.COMMANDS.valueSerde().serializer().serialize(Topics.COMMANDS.name(),
                    new CommandEnvelope("r-1", DIR, "client-1", AT,
                            new Command.CreateUser("u1", Json.mapper().createObjectNode().put("userName", "ann"))));
            commands.pipeInput(new TestRecord<>(DIR.getBytes(StandardCharsets.UTF_8), create, AT));
            commands.pipeInput(new TestRecord<>(DIR.getBytes(StandardCharsets.UTF_8),
                    "{not json".getBytes(StandardCharsets.UTF_8), AT.plusSeconds(1)));

            assertThat(metrics.registry().get(StreamsMetrics.COMMANDS).functionCounter().count()).isEqualTo(1);
            assertThat(metrics.registry().get(StreamsMetrics.DEAD_LETTERS).tag("reason", "NOT_JSON")
                    .functionCounter().count()).isEqualTo(1);
            assertThat(metrics.registry().get(StreamsMetrics.DEAD_LETTERS).tag("reason", "OVERSIZED")
                    .functionCounter().count()).isZero();
            assertThat(metrics.registry().get(StreamsMetrics.THREAD_FAILURES).functionCounter().count()).isEqualTo(2);
            assertThat(metrics.scrape())
                    .contains("scim_writer_commands_total{service=\"membership-streams\"} 1")
                    .contains("scim_writer_dead_letters_total{reason=\"NOT_JSON\",service=\"membership-streams\"} 1")
                    .contains("scim_writer_commands_failed_total")
                    .contains("scim_writer_retries_answered_total")
                    .contains("jvm_gc_overhead");
        }
    }

    @Test
    void publishesTheKafkaStreamsMetricsOfAnInstance() {
        ProcessingStats stats = new ProcessingStats();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-test");
        // never started: its threads' and clients' metrics exist from its creation
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try (StreamsMetrics metrics = new StreamsMetrics(stats, () -> 0);
             KafkaStreams streams = new KafkaStreams(MembershipTopology.build(stats), props)) {
            metrics.bind(streams);

            assertThat(metrics.scrape())
                    .contains("kafka_stream_thread_process_rate{")
                    .contains("kafka_stream_thread_commit_latency_avg{")
                    .contains("kafka_consumer_fetch_manager_records_lag_max{");
            streams.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void timesHowLongReadsWaitedForTheirBound() throws Exception {
        try (StreamsMetrics metrics = new StreamsMetrics(new ProcessingStats(), () -> 0)) {
            Javalin http = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                // no Kafka Streams instance: a bound is never reached
                new QueryApi(() -> null, () -> null, Duration.ofMillis(50), INTERNAL_TOKEN, null, metrics.registry())
                        .routes(config);
            }).start("127.0.0.1", 0);
            try {
                assertThat(get(http, "/internal/v1/directories/" + DIR + "/users/u1?bound=0:7")).isEqualTo(503);
                // a bound before the first command is reached at once
                get(http, "/internal/v1/directories/" + DIR + "/users/u1?bound=0:-1");
                // a read without a bound does not wait
                get(http, "/internal/v1/directories/" + DIR + "/users/u1");
            } finally {
                http.stop();
            }

            Timer notReady = metrics.registry().get(QueryApi.READ_WAIT).tag("result", "not_ready").timer();
            assertThat(notReady.count()).isEqualTo(1);
            assertThat(notReady.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
            assertThat(metrics.registry().get(QueryApi.READ_WAIT).tag("result", "reached").timer().count())
                    .isEqualTo(1);
            assertThat(metrics.scrape()).contains("scim_read_wait_seconds_bucket{");
        }
    }

    private static int get(Javalin http, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .header("Authorization", "Bearer " + INTERNAL_TOKEN).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
