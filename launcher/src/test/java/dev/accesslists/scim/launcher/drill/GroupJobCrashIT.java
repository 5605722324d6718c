package dev.accesslists.scim.launcher.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.launcher.TopicReader;
import dev.accesslists.scim.launcher.bench.Seeder;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer is killed while it removes the members of a deleted 20,000-member group step by
 * step. Each step and the job's progress commit together, so after the restart the job goes on
 * from its last committed step: every member is removed, each REMOVED change is seen exactly once
 * by a read_committed consumer, and the list can be linked again.
 */
class GroupJobCrashIT {
    private static final int MEMBERS = 20_000;

    @Test
    void shouldFinishAGroupDeleteInterruptedByAKillWithEveryChangeExactlyOnce(@TempDir Path dir) throws Exception {
        try (Cluster cluster = Cluster.start(dir, List.of(CrashDrill.LIST))) {
            JsonNode credentials = cluster.admin().createRegistering("job-crash", "okta");
            String directory = credentials.get("clientId").asText();
            ScimCalls scim = new ScimCalls(cluster.settings().scimBaseUrl(),
                    cluster.settings().tokenIssuer() + "/oauth2/token", directory,
                    credentials.get("clientSecret").asText(), Duration.ofMinutes(2), new AtomicLong());
            String group = seed(cluster.bootstrapServers(), directory);
            // a write after the seeded commands is answered once they are all applied
            await().atMost(Duration.ofMinutes(2)).until(() -> scim.send("GET", "/Groups/" + group
                    + "?excludedAttributes=members", null).status() == 200);
            assertThat(scim.send("PATCH", "/Groups/" + group, "{\"Operations\":[{\"op\":\"remove\",\"path\":"
                    + "\"members\",\"value\":[{\"value\":\"none\"}]}]}").status()).isEqualTo(204);

            assertThat(scim.send("DELETE", "/Groups/" + group, null).status()).isEqualTo(204);
            cluster.kill(Cluster.Part.STREAMS);
            long removedAtKill = removed(cluster, group).size();
            assertThat(removedAtKill).as("the kill came before the last step").isLessThan(MEMBERS);
            cluster.restart(Cluster.Part.STREAMS);

            await().atMost(Duration.ofMinutes(2)).until(() -> removed(cluster, group).size() >= MEMBERS);
            List<String> removed = removed(cluster, group);
            assertThat(removed).hasSize(MEMBERS).doesNotHaveDuplicates();
            await().atMost(Duration.ofSeconds(30)).until(() -> scim.send("POST", "/Groups",
                    "{\"displayName\":\"GroupRequester\"}").status() == 201);
        }
    }

    /** Users and a group of all of them, written straight to the command log; the group's id. */
    private static String seed(String bootstrapServers, String directory) {
        try (Seeder seeder = new Seeder(bootstrapServers)) {
            return seeder.group(directory, seeder.users(directory, MEMBERS));
        }
    }

    /** User ids of the group's REMOVED changes that read_committed consumers can see now. */
    private static List<String> removed(Cluster cluster, String group) {
        return TopicReader.readCommittedSoFar(cluster.bootstrapServers(), Topics.MEMBERSHIP.name()).stream()
                .map(r -> json(r.value()))
                .filter(c -> group.equals(c.path("groupId").asText()) && "REMOVED".equals(c.path("change").asText()))
                .map(c -> c.get("userId").asText())
                .toList();
    }

    private static JsonNode json(byte[] value) {
        try {
            return Json.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
