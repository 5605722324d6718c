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
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A broker and stack of its own (these tests stop and add membership-streams instances, which the
 * shared stack must not see): a second instance takes over partitions and queries are routed to
 * it; a restart that lost the local RocksDB state restores it from the changelog, without
 * duplicate membership changes.
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
                InProcessKafka.freePort()));
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
                first.internalToken(), "127.0.0.1", "membership-streams-2", 10_000, null);
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
