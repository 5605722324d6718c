package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.accesslists.scim.schemas.DeadLetters;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Bad command records injected into a live partition of the real broker: every tenant of that
 * partition keeps writing with normal latency, the records are on the dead-letter topic, and
 * membership-streams stays ready.
 */
class PoisonRecordsIT {
    private static final int PARTITIONS = Topics.COMMANDS.partitions();

    @Test
    void shouldKeepServingEveryTenantOfAPartitionThatReceivesBadRecords() throws Exception {
        TestStack env = TestStack.get();
        // Given three tenants whose commands share one partition
        List<ScimClient> tenants = new ArrayList<>();
        int partition = -1;
        for (int i = 0; tenants.size() < 3 && i < 60; i++) {
            ScimClient candidate = env.newDirectoryClient("poison-" + i);
            int p = partitionOf(candidate.clientId());
            if (partition < 0) {
                partition = p;
            }
            if (p == partition) {
                tenants.add(candidate);
            }
        }
        assertThat(tenants).hasSize(3);
        for (ScimClient tenant : tenants) {
            assertThat(tenant.post("/Users", "{\"userName\":\"before@example.com\"}").status()).isEqualTo(201);
        }
        String victim = tenants.get(0).clientId();
        long deadLettersBefore = TopicReader.readAll(env.kafka.bootstrapServers(), Topics.DEAD_LETTERS.name()).size();

        // When every kind of bad record is written to that partition, keyed by the first tenant
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("not JSON", "\u0000\u0001 definitely { not json".getBytes(StandardCharsets.UTF_8));
        bad.put("null value", null);
        bad.put("unknown type", envelope("poison-unknown", victim, "{\"type\":\"MergeUsers\",\"ids\":[\"a\"]}"));
        bad.put("invalid fields", envelope("poison-invalid", victim, "{\"type\":\"CreateUser\",\"resource\":7}"));
        bad.put("oversized", envelope("poison-big", victim, "{\"type\":\"CreateUser\",\"userId\":\"big\","
                + "\"resource\":{\"userName\":\"" + "y".repeat(6 * 1024 * 1024) + "\"}}"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] value : bad.values()) {
                producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), partition,
                        victim.getBytes(StandardCharsets.UTF_8), value)).get();
            }
        }

        // Then every tenant of the partition keeps writing and reading, at normal speed
        for (int round = 0; round < 3; round++) {
            for (ScimClient tenant : tenants) {
                long started = System.nanoTime();
                ScimClient.Response created = tenant.post("/Users", "{\"userName\":\"after-" + round + "@example.com\"}");
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(created.status()).as("create by %s", tenant.clientId()).isEqualTo(201);
                // a stuck partition answered after the 30 s write timeout; normal is tens of ms
                assertThat(millis).as("create latency (ms)").isLessThan(3_000);
                assertThat(tenant.get("/Users/" + created.body().get("id").asText()).status()).isEqualTo(200);
            }
        }

        // and the dead-letter topic holds each record with its reason
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            letters.clear();
            letters.addAll(TopicReader.readAll(env.kafka.bootstrapServers(), Topics.DEAD_LETTERS.name()));
            return letters.size() - deadLettersBefore >= bad.size();
        });
        List<ConsumerRecord<String, byte[]>> ours = letters.subList((int) deadLettersBefore, letters.size());
        assertThat(ours).extracting(r -> DeadLetters.reason(r.headers())).containsExactly(
                DeadLetters.Reason.NOT_JSON, DeadLetters.Reason.NULL_VALUE, DeadLetters.Reason.UNSUPPORTED,
                DeadLetters.Reason.INVALID, DeadLetters.Reason.OVERSIZED);
        assertThat(ours.get(0).value()).isEqualTo(bad.get("not JSON"));
        assertThat(ours).allSatisfy(r -> assertThat(r.key()).isEqualTo(victim));

        // and the callers the records name got definite answers
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> outcome : TopicReader.readAll(env.kafka.bootstrapServers(),
                Topics.OUTCOMES.name())) {
            if (outcome.key() != null && outcome.key().startsWith("poison-")) {
                answers.put(outcome.key(), Json.mapper().readTree(outcome.value()).get("status").asInt());
            }
        }
        assertThat(answers).containsEntry("poison-unknown", 501).containsEntry("poison-invalid", 500)
                .containsEntry("poison-big", 413);

        // and membership-streams is ready, with no stream thread lost on the way
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + env.stack.streams().queryPort() + "/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(env.stack.streams().status()).containsEntry("threadFailures", 0L);
    }

    private static int partitionOf(String directoryId) {
        return Utils.toPositive(Utils.murmur2(directoryId.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static byte[] envelope(String requestId, String dir, String command) {
        return ("{\"requestId\":\"" + requestId + "\",\"directoryId\":\"" + dir + "\",\"integrationId\":\"" + dir
                + "\",\"timestamp\":\"2026-01-01T00:00:02Z\",\"command\":" + command + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
