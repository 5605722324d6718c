package dev.accesslists.scim.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disable, enable, delete and rotate through the admin API, as the token endpoint sees them. */
class IntegrationLifecycleTest {
    private static final String GRANT = "grant_type=client_credentials";

    @TempDir
    Path dataDir;
    private TokenServiceHarness service;
    private String clientId;
    private String secret;

    @BeforeEach
    void start() {
        service = new TokenServiceHarness(dataDir);
        JsonNode created = service.createIntegration("Okta", "okta");
        clientId = created.get("clientId").asText();
        secret = created.get("clientSecret").asText();
        assertThat(created.get("status").asText()).isEqualTo("enabled");
        assertThat(created.get("credentialsGeneration").asLong()).isZero();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void shouldRefuseTokensToADisabledIntegrationUntilItIsEnabledAgain() throws Exception {
        assertThat(generation(service.tokenWithBasic(clientId, secret, GRANT))).isZero();

        // When it is disabled
        HttpResponse<String> disabled = service.admin("POST", "/admin/integrations/" + clientId + "/disable", null);
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(TokenServiceHarness.json(disabled).get("status").asText()).isEqualTo("disabled");

        // Then its valid secret gets no token
        HttpResponse<String> refused = service.tokenWithBasic(clientId, secret, GRANT);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(TokenServiceHarness.json(refused).get("error").asText()).isEqualTo("invalid_client");

        // And once enabled again, new tokens name a later generation than any token issued before
        HttpResponse<String> enabled = service.admin("POST", "/admin/integrations/" + clientId + "/enable", null);
        assertThat(TokenServiceHarness.json(enabled).get("status").asText()).isEqualTo("enabled");
        assertThat(generation(service.tokenWithBasic(clientId, secret, GRANT))).isEqualTo(1);
    }

    @Test
    void shouldStartANewGenerationWhenTheSecretIsRotated() throws Exception {
        HttpResponse<String> rotated = service.admin("POST", "/admin/integrations/" + clientId + "/secret", null);
        String newSecret = TokenServiceHarness.json(rotated).get("clientSecret").asText();

        assertThat(service.tokenWithBasic(clientId, secret, GRANT).statusCode()).isEqualTo(401);
        assertThat(generation(service.tokenWithBasic(clientId, newSecret, GRANT))).isEqualTo(1);
    }

    @Test
    void shouldDeleteAnIntegrationSoThatItsCredentialsStopWorking() {
        assertThat(service.admin("DELETE", "/admin/integrations/" + clientId, null).statusCode()).isEqualTo(204);

        assertThat(service.tokenWithBasic(clientId, secret, GRANT).statusCode()).isEqualTo(401);
        assertThat(service.admin("GET", "/admin/integrations/" + clientId, null).statusCode()).isEqualTo(404);
        assertThat(service.admin("DELETE", "/admin/integrations/" + clientId, null).statusCode()).isEqualTo(404);
        assertThat(service.admin("POST", "/admin/integrations/" + clientId + "/disable", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldRequireTheAdminTokenForEveryLifecycleChange() {
        for (String[] call : new String[][] {{"POST", "/disable"}, {"POST", "/enable"}, {"DELETE", ""}}) {
            HttpResponse<String> response = service.post("/admin/integrations/" + clientId + call[1], null, "");
            if (call[0].equals("DELETE")) {
                response = service.deleteWithoutAuth("/admin/integrations/" + clientId);
            }
            assertThat(response.statusCode()).as(call[0] + call[1]).isEqualTo(401);
        }
        assertThat(service.store.find(clientId).orElseThrow().enabled()).isTrue();
    }

    @Test
    void shouldThrottleRepeatedFailedAuthenticationsWithRetryAfter() {
        // Given ten failed attempts with a wrong secret from one address
        for (int i = 0; i < 10; i++) {
            assertThat(service.tokenWithBasic(clientId, "wrong-" + i, GRANT).statusCode()).isEqualTo(401);
        }

        // When the eleventh comes, even with the right secret
        HttpResponse<String> throttled = service.tokenWithBasic(clientId, secret, GRANT);

        // Then it is refused for a while, saying how long
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(TokenServiceHarness.json(throttled).get("error").asText()).isEqualTo("invalid_request");
        assertThat(throttled.body()).doesNotContain(secret);
    }

    private static long generation(HttpResponse<String> tokenResponse) throws Exception {
        assertThat(tokenResponse.statusCode()).isEqualTo(200);
        String token = TokenServiceHarness.json(tokenResponse).get("access_token").asText();
        return SignedJWT.parse(token).getJWTClaimsSet().getLongClaim("gen");
    }
}
