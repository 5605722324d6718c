package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README walkthrough, over HTTP against the real stack, checking the membership topic. */
class ReadmeWalkthroughIT {
    private static TestStack env;
    private static ScimClient idp;

    @BeforeAll
    static void startStack() {
        env = TestStack.get();
        idp = env.newDirectoryClient("walkthrough");
    }

    @Test
    void shouldProvisionAddDeactivateAndDeleteAliceWithChangeEventsOnTheTopic() throws IOException {
        // Given a token from client credentials
        ScimClient.Response token = idp.requestToken();
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.body().get("token_type").asText()).isEqualTo("Bearer");

        // When the IdP creates alice and the GroupRequester group, then adds alice
        ScimClient.Response alice = idp.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"alice@example.com",
                 "name":{"givenName":"Alice","familyName":"Smith"},"active":true,
                 "emails":[{"primary":true,"value":"alice@example.com","type":"work"}]}""");
        assertThat(alice.status()).isEqualTo(201);
        String aliceId = alice.body().get("id").asText();
        assertThat(alice.raw().headers().firstValue("Location")).hasValue(idp.baseUrl + "/Users/" + aliceId);
        assertThat(alice.body().at("/meta/location").asText()).isEqualTo(idp.baseUrl + "/Users/" + aliceId);

        ScimClient.Response group = idp.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"GroupRequester","members":[]}""");
        assertThat(group.status()).isEqualTo(201);
        String groupId = group.body().get("id").asText();

        ScimClient.Response added = idp.patch("/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s","display":"alice@example.com"}]}]}"""
                .formatted(aliceId));
        assertThat(added.status()).isIn(200, 204);

        // Then the group shows alice at once
        ScimClient.Response read = idp.get("/Groups/" + groupId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("members").get(0).get("value").asText()).isEqualTo(aliceId);
        assertThat(read.body().get("members").get(0).get("display").asText()).isEqualTo("alice@example.com");

        // When alice is deactivated, then deleted
        ScimClient.Response deactivated = idp.patch("/Users/" + aliceId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":false}}]}""");
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.body().get("active").asBoolean()).isFalse();
        assertThat(idp.get("/Users/" + aliceId).body().get("active").asBoolean()).isFalse();
        ScimClient.Response deleted = idp.delete("/Users/" + aliceId);
        assertThat(deleted.status()).isEqualTo(204);
        // a 204 has no content, so no Content-Type either: strict clients would try to read one
        assertThat(deleted.raw().headers().firstValue("Content-Type")).isEmpty();
        assertThat(idp.get("/Users/" + aliceId).status()).isEqualTo(404);

        // Then a downstream consumer sees added, suspended, removed for alice on GroupRequester
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> changes = TopicReader.readAll(env.kafka.bootstrapServers(), Topics.MEMBERSHIP.name())
                    .stream()
                    .filter(r -> "GroupRequester".equals(r.key()))
                    .map(r -> parse(r.value()))
                    .filter(c -> aliceId.equals(c.get("userId").asText()))
                    .toList();
            assertThat(changes).extracting(c -> c.get("change").asText())
                    .containsExactly("ADDED", "SUSPENDED", "REMOVED");
            JsonNode first = changes.get(0);
            assertThat(first.at("/accessList/name").asText()).isEqualTo("scim-group-requester");
            assertThat(first.at("/accessList/type").asText()).isEqualTo("scim");
            assertThat(StreamSupport.stream(first.at("/accessList/grants/roles").spliterator(), false)
                    .map(JsonNode::asText)).containsExactly("requester");
            assertThat(first.get("userName").asText()).isEqualTo("alice@example.com");
            assertThat(first.at("/cause/requestId").asText()).isNotBlank();
            assertThat(first.at("/cause/integrationId").asText()).isEqualTo(idp.clientId());
            assertThat(first.at("/cause/timestamp").asText()).endsWith("Z");
        });
    }

    @Test
    void shouldRefuseGroupsThatMatchNoScimAccessList() {
        ScimClient.Response missing = idp.post("/Groups", "{\"displayName\":\"NoSuchList\"}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("schemas").get(0).asText())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(missing.body().get("detail").asText()).contains("NoSuchList");

        ScimClient.Response notScim = idp.post("/Groups", "{\"displayName\":\"ProductionAdmins\"}");
        assertThat(notScim.status()).isEqualTo(404);
        assertThat(notScim.body().get("detail").asText()).contains("ProductionAdmins").contains("scim");
    }

    @Test
    void shouldAnswerUnauthenticatedCallsWith401AndTheBearerChallenge() {
        ScimClient stranger = new ScimClient(idp.baseUrl, env.stack.tokenUrl(), "nobody", "wrong");
        assertThat(stranger.requestToken().status()).isEqualTo(401);
        ScimClient.Response response = stranger.getWithToken("/Users", "not-a-jwt");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).startsWith("Bearer"));
        assertThat(response.body().get("status").asText()).isEqualTo("401");
    }

    private static JsonNode parse(byte[] value) {
        try {
            return Json.mapper().readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
