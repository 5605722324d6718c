package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.launcher.bench.Seeder;
import dev.accesslists.scim.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A group larger than one step of the writer (250 members) and than one piece of a read (2,000),
 * through the real pipeline: reads stream every member, write answers stay small, and a DELETE is
 * answered at once while its members leave the list in steps on the log, each change emitted
 * once, with other tenants served meanwhile.
 */
class LargeGroupIT {
    private static final int MEMBERS = 2_500;
    private final TestStack env = TestStack.get();

    @Test
    void shouldReadStreamAndDeleteAGroupLargerThanAnyStepOrPiece() throws Exception {
        ScimClient idp = env.newDirectoryClient("large-group");
        ScimClient other = env.newDirectoryClient("large-group-neighbour");
        List<String> users = seedUsers(idp.clientId(), MEMBERS);
        await().atMost(Duration.ofSeconds(60)).until(() -> idp.get("/Users?count=0").body()
                .path("totalResults").asInt() == MEMBERS);

        StringBuilder members = new StringBuilder();
        for (String user : users) {
            members.append(members.length() == 0 ? "" : ",").append("{\"value\":\"").append(user).append("\"}");
        }
        ScimClient.Response created = idp.post("/Groups", "{\"displayName\":\"GroupRequester\",\"members\":["
                + members + "]}");
        assertThat(created.status()).isEqualTo(201);
        String groupId = created.body().get("id").asText();

        // reads stream every member, in pieces, and still form one resource
        JsonNode group = idp.get("/Groups/" + groupId).body();
        assertThat(group.get("members")).hasSize(MEMBERS);
        assertThat(group.get("meta").get("location").asText()).endsWith("/Groups/" + groupId);
        List<String> listed = new ArrayList<>();
        group.get("members").forEach(m -> listed.add(m.get("value").asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(users);
        JsonNode list = idp.get("/Groups?filter=" + ScimClient.form("displayName eq \"GroupRequester\"")).body();
        assertThat(list.get("totalResults").asInt()).isEqualTo(1);
        assertThat(list.get("Resources").get(0).get("members")).hasSize(MEMBERS);
        assertThat(idp.get("/Groups/" + groupId + "?excludedAttributes=members").body().has("members")).isFalse();

        // a PUT that does not assert members does not answer with all of them
        ScimClient.Response renamed = idp.put("/Groups/" + groupId, "{\"displayName\":\"GroupRequester\","
                + "\"externalId\":\"ext-1\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().get("externalId").asText()).isEqualTo("ext-1");
        assertThat(renamed.body().has("members")).isFalse();

        // DELETE: gone at once, members leave in steps, each REMOVED once
        ScimClient.Response deleted = idp.delete("/Groups/" + groupId);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(idp.get("/Groups/" + groupId).status()).isEqualTo(404);
        assertThat(other.post("/Users", "{\"userName\":\"neighbour@example.com\"}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<JsonNode> removed = TopicReader.readAll(env.kafka.bootstrapServers(), Topics.MEMBERSHIP.name())
                    .stream().map(r -> json(r.value()))
                    .filter(c -> groupId.equals(c.path("groupId").asText()))
                    .filter(c -> "REMOVED".equals(c.path("change").asText()))
                    .toList();
            assertThat(removed).hasSize(MEMBERS);
            assertThat(removed).extracting(c -> c.get("userId").asText()).doesNotHaveDuplicates();
            assertThat(removed).allSatisfy(c -> assertThat(c.at("/cause/requestId").asText())
                    .isEqualTo(removed.get(0).at("/cause/requestId").asText()));
        });
        // and the list can be linked again once they have all left
        await().atMost(Duration.ofSeconds(30)).until(() -> idp.post("/Groups",
                "{\"displayName\":\"GroupRequester\"}").status() == 201);
    }

    /** Users written straight to the command log, as ingest would after accepting them. */
    private List<String> seedUsers(String directoryId, int count) {
        try (Seeder seeder = new Seeder(env.kafka.bootstrapServers())) {
            return seeder.users(directoryId, count);
        }
    }

    private static JsonNode json(byte[] value) {
        try {
            return Json.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
