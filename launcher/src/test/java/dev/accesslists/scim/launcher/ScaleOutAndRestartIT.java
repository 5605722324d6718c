package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessListFiles;
import dev.accesslists.scim.streams.MembershipStreamsApp;
import dev.accesslists.scim.streams.StreamsSettings;
import dev.accesslists.scim.streams.directory.StoreNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A broker and stack of its own (these tests stop and add membership-streams instances, which the
 * shared stack must not see), scaled by the settings a user would change: a command log of 6
 * partitions and 2 stream threads per instance. A second instance takes over partitions, queries
 * are routed to it, and the consistency checks still hold for a directory it owns; a restart that
 * lost the local RocksDB state restores it from the changelog, without duplicate membership changes.
 */
class ScaleOutAndRestartIT {
    private static InProcessKafka kafka;
    private static LocalStack stack;
    private static int counter;

    @BeforeAll
    static void start() throws Exception {
        kafka = InProcessKafka.start();
        stack = LocalStack.start(new LocalStack.Settings(kafka.bootstrapServers(),
                Files.createTempDirectory("scale-"), "localhost", InProcessKafka.freePort(), InProcessKafka.freePort(),
                InProcessKafka.freePort(), Map.of("COMMAND_PARTITIONS", "6", "STREAMS_THREADS", "2")));
        stack.apply(AccessListFiles.read(Path.of("..", "examples", "access-lists.yaml")));
    }

    @AfterAll
    static void stop() {
        stack.close();
        kafka.close();
    }

    @Test
    void shouldServeReadsAndWritesOfDirectoriesOwnedByASecondInstance() throws Exception {
        // Given a second membership-streams instance in the same application
        StreamsSettings first = StreamsSettings.fromEnv(LocalStack.environment(stack.settings()));
        StreamsSettings second = new StreamsSettings(kafka.bootstrapServers(), "membership-streams",
                Files.createTempDirectory("second-"), "127.0.0.1", InProcessKafka.freePort(), 20, (short) -1,
                first.internalToken(), "127.0.0.1", "membership-streams-2", 10_000, null, 2, 6);
        try (MembershipStreamsApp other = new MembershipStreamsApp(second).start()) {
            other.awaitRunning(Duration.ofMinutes(1));
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.streams().kafkaStreams().state()
                    == KafkaStreams.State.RUNNING && !other.kafkaStreams().metadataForLocalThreads().stream()
                    .allMatch(t -> t.activeTasks().isEmpty()));
            HostInfo otherHost = new HostInfo("127.0.0.1", other.queryPort());

            // When an IdP whose directory the second instance owns writes and reads through ingest
            ScimClient idp = null;
            for (int i = 0; i < 30 && idp == null; i++) {
                ScimClient candidate = newClient();
                HostInfo owner = other.kafkaStreams().queryMetadataForKey(StoreNames.PROGRESS, candidate.clientId(),
                        new StringSerializer()).activeHost();
                if (owner.equals(otherHost)) {
                    idp = candidate;
                }
            }
            assertThat(idp).as("a directory owned by the second instance").isNotNull();
            String user = idp.post("/Users", "{\"userName\":\"far@example.com\"}").body().get("id").asText();
            String group = idp.post("/Groups", "{\"displayName\":\"GroupRequester\",\"members\":[{\"value\":\""
                    + user + "\"}]}").body().get("id").asText();

            // Then the reads, answered through the first instance's query API, see the writes at once
            assertThat(idp.get("/Users/" + user).status()).isEqualTo(200);
            assertThat(idp.get("/Groups/" + group).body().get("members")).hasSize(1);
            assertThat(idp.get("/Users?filter=" + ScimClient.form("userName eq \"far@example.com\""))
                    .body().get("totalResults").asInt()).isEqualTo(1);
            assertThat(TopicReader.readAll(kafka.bootstrapServers(), Topics.COMMANDS.name()).stream()
                    .map(r -> r.partition()).distinct().count()).as("commands spread over the partitions")
                    .isGreaterThan(1);

            // and one writer per directory still holds: of 20 racing creates of one userName, one wins
            ScimClient racer = idp;
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<CompletableFuture<ScimClient.Response>> calls = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String body = "{\"userName\":\"" + (i % 2 == 0 ? "racer" : "RACER") + "@example.com\","
                            + "\"externalId\":\"racer-" + i + "\"}";
                    calls.add(CompletableFuture.supplyAsync(() -> racer.post("/Users", body), pool));
                }
                List<ScimClient.Response> answers = calls.stream().map(CompletableFuture::join).toList();
                assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
                assertThat(answers).filteredOn(r -> r.status() == 409).hasSize(19);
            } finally {
                pool.shutdownNow();
            }
            // and every acknowledged write is read at once, through the instance that forwards
            for (int i = 0; i < 15; i++) {
                ScimClient.Response created = idp.post("/Users", "{\"userName\":\"ryw-" + i + "@example.com\"}");
                String id = created.body().get("id").asText();
                assertThat(idp.get("/Users/" + id).status()).isEqualTo(200);
                assertThat(idp.patch("/Groups/" + group, "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\","
                        + "\"value\":[{\"value\":\"" + id + "\"}]}]}").status()).isEqualTo(204);
                assertThat(idp.get("/Groups/" + group).body().get("members")).hasSize(i + 2);
            }
        }
    }

    @Test
    void shouldRestoreLostLocalStateFromTheChangelogWithoutRepeatingChanges() {
        // Given a directory with memberships
        ScimClient idp = newClient();
        String user = idp.post("/Users", "{\"userName\":\"kept@example.com\"}").body().get("id").asText();
        String group = idp.post("/Groups", "{\"displayName\":\"GroupRequester\",\"members\":[{\"value\":\""
                + user + "\"}]}").body().get("id").asText();
        JsonNode before = idp.get("/Groups/" + group).body();
        long changesBefore = changesFor(user);
        assertThat(changesBefore).isEqualTo(1);

        // When membership-streams restarts without its RocksDB folder
        stack.restartStreams(true);

        // Then the state is back, nothing was emitted again, and new writes work
        assertThat(idp.get("/Groups/" + group).body()).isEqualTo(before);
        assertThat(idp.get("/Users/" + user).body().get("userName").asText()).isEqualTo("kept@example.com");
        assertThat(idp.post("/Users", "{\"userName\":\"KEPT@example.com\"}").status()).isEqualTo(409);
        assertThat(idp.patch("/Users/" + user, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> changesFor(user) == 2);
    }

    private static long changesFor(String userId) {
        return TopicReader.readAll(kafka.bootstrapServers(), Topics.MEMBERSHIP.name()).stream()
                .filter(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains(userId))
                .count();
    }

    private static ScimClient newClient() {
        LocalStack.Credentials c = stack.ensureIntegration("scale-" + (++counter), "okta", false);
        return new ScimClient(c.scimBaseUrl(), c.tokenUrl(), c.clientId(), c.clientSecret().orElseThrow());
    }
}
