package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.ingest.IngestApp;
import dev.accesslists.scim.ingest.IngestSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An IdP that repeats a write after a time-out gets the result of its first attempt, never a
 * conflict its own first attempt caused: on the real stack.
 */
class SafeRetriesIT {

    @Test
    void shouldAnswerARetryAfterATimeOutWithTheFirstAttemptsResult() {
        TestStack env = TestStack.get();
        ScimClient idp = env.newDirectoryClient("safe-retries");
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"retry@example.com\","
                + "\"name\":{\"givenName\":\"Re\",\"familyName\":\"Try\"},\"active\":true}";
        String group = idp.post("/Groups", "{\"displayName\":\"GroupRequester\"}").body().get("id").asText();

        // Given a first attempt that times out before its outcome is known
        Map<String, String> impatient = new HashMap<>(LocalStack.environment(env.stack.settings()));
        impatient.put("INGEST_PORT", "0");
        impatient.put("WRITE_TIMEOUT_MS", "1");
        ScimClient.Response timedOut;
        try (IngestApp slow = new IngestApp(IngestSettings.fromEnv(impatient)).start()) {
            ScimClient viaSlow = new ScimClient("http://localhost:" + slow.port() + "/scim/v2", env.stack.tokenUrl(),
                    idp.clientId(), null);
            timedOut = viaSlow.postWithToken("/Users", body, idp.token());
        }
        assertThat(timedOut.status()).isEqualTo(503);
        assertThat(timedOut.raw().headers().firstValue("Retry-After")).isPresent();

        // When the IdP sends the same request again
        ScimClient.Response retry = idp.post("/Users", body);

        // Then it gets the user its first attempt created, and there is exactly one
        assertThat(retry.status()).isEqualTo(201);
        String id = retry.body().get("id").asText();
        assertThat(idp.post("/Users", body).body().get("id").asText()).isEqualTo(id);
        assertThat(idp.get("/Users?filter=" + ScimClient.form("userName eq \"retry@example.com\"")).body()
                .get("totalResults").asInt()).isEqualTo(1);

        // and a repeated membership change or delete answers as the first did
        String add = "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}]}";
        assertThat(idp.patch("/Groups/" + group, add).status()).isEqualTo(204);
        assertThat(idp.patch("/Groups/" + group, add).status()).isEqualTo(204);
        assertThat(idp.delete("/Users/" + id).status()).isEqualTo(204);
        assertThat(idp.delete("/Users/" + id).status()).isEqualTo(204);
        assertThat(idp.get("/Users/" + id).status()).isEqualTo(404);
        // and a different request for the same user is answered on its own merits
        assertThat(idp.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}")
                .status()).isEqualTo(404);
    }
}
