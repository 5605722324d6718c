package dev.accesslists.scim.launcher.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.launcher.TopicReader;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes are answered on their determined outcome, before the writer's transaction commits. The
 * writer is killed after answering and before committing; its transaction aborts, and the
 * outcome it computes again from the log after the restart must be the one the client already
 * has. A read sent while the restarted writer restores its state must see the answered write:
 * the restored (committed) state does not contain it, so only the read-your-writes bound makes
 * the read wait for the command to be processed again.
 */
class UncommittedOutcomeIT {
    /** Long enough that the kill surely comes before the commit; below the transaction timeout (10 s). */
    private static final String COMMIT_INTERVAL_MS = "8000";

    @Test
    void shouldRecomputeTheAnsweredOutcomeAfterTheWriterDiesBeforeCommitting(@TempDir Path dir) throws Exception {
        try (Cluster cluster = Cluster.start(dir, List.of(CrashDrill.LIST),
                Map.of("STREAMS_COMMIT_INTERVAL_MS", COMMIT_INTERVAL_MS))) {
            JsonNode credentials = cluster.admin().createRegistering("uncommitted", "okta");
            ScimCalls scim = new ScimCalls(cluster.settings().scimBaseUrl(),
                    cluster.settings().tokenIssuer() + "/oauth2/token", credentials.get("clientId").asText(),
                    credentials.get("clientSecret").asText(), Duration.ofMinutes(2), new AtomicLong());

            // a write whose commit we wait for, so that the next writes start a fresh transaction
            String warmUp = scim.send("POST", "/Users", user("warm-up@example.com")).body().get("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> committedOutcomes(cluster, warmUp).size() == 1);

            ScimCalls.Answer alice = scim.send("POST", "/Users", user("alice@example.com"));
            String aliceId = alice.body().get("id").asText();
            ScimCalls.Answer group = scim.send("POST", "/Groups", "{\"schemas\":"
                    + "[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"GroupRequester\","
                    + "\"members\":[{\"value\":\"" + aliceId + "\"}]}");
            String groupId = group.body().get("id").asText();
            assertThat(alice.status()).isEqualTo(201);
            assertThat(group.status()).isEqualTo(201);
            assertThat(TopicReader.readCommittedSoFar(cluster.bootstrapServers(), Topics.OUTCOMES.name()).stream()
                    .map(UncommittedOutcomeIT::json)
                    .filter(o -> groupId.equals(o.at("/resource/group/id").asText())))
                    .as("committed before the kill").isEmpty();

            cluster.kill(Cluster.Part.STREAMS);
            cluster.restart(Cluster.Part.STREAMS, false);

            // the first definite answer, while the writer restores and re-processes, must show the write
            ScimCalls.Answer read = scim.send("GET", "/Groups/" + groupId, null);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("members").get(0).get("value").asText()).isEqualTo(aliceId);
            cluster.awaitReady();

            await().atMost(Duration.ofSeconds(40)).until(() -> committedOutcomes(cluster, groupId).size() == 1);
            List<JsonNode> everyGroupOutcome = outcomes(cluster, groupId, false);
            assertThat(everyGroupOutcome).as("the answered outcome (aborted) and the recomputed one (committed)")
                    .hasSize(2);
            assertThat(everyGroupOutcome.get(1)).isEqualTo(everyGroupOutcome.get(0));
            assertThat(committedOutcomes(cluster, aliceId)).singleElement()
                    .isEqualTo(outcomes(cluster, aliceId, false).get(0));

            // the recomputed outcomes carry what the client was answered: same ids, times and members
            JsonNode recomputedGroup = committedOutcomes(cluster, groupId).get(0).get("resource");
            assertThat(recomputedGroup.at("/members/0/userId").asText()).isEqualTo(aliceId);
            assertThat(Instant.parse(recomputedGroup.at("/group/created").asText()))
                    .isEqualTo(Instant.parse(group.body().at("/meta/created").asText()));
            JsonNode recomputedAlice = committedOutcomes(cluster, aliceId).get(0).get("resource");
            assertThat(Instant.parse(recomputedAlice.get("created").asText()))
                    .isEqualTo(Instant.parse(alice.body().at("/meta/created").asText()));
        }
    }

    private static String user(String userName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                + "\",\"active\":true}";
    }

    private static List<JsonNode> committedOutcomes(Cluster cluster, String resourceId) {
        return outcomes(cluster, resourceId, true);
    }

    /** Outcomes whose resource has this id, in log order. */
    private static List<JsonNode> outcomes(Cluster cluster, String resourceId, boolean committedOnly) {
        return TopicReader.readAll(cluster.bootstrapServers(), Topics.OUTCOMES.name(), committedOnly).stream()
                .map(UncommittedOutcomeIT::json)
                .filter(o -> resourceId.equals(o.at("/resource/id").asText(o.at("/resource/group/id").asText())))
                .toList();
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return Json.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
