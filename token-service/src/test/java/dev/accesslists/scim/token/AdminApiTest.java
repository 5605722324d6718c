package dev.accesslists.scim.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {
    private static final String CLIENT_CREDENTIALS = "grant_type=client_credentials";

    @TempDir
    Path dataDir;
    private TokenServiceHarness service;

    @BeforeEach
    void startService() {
        service = new TokenServiceHarness(dataDir);
    }

    @AfterEach
    void stopService() {
        service.close();
    }

    @Test
    void shouldCreateIntegrationAndShowTheSecretOnce() {
        // When an admin creates an integration
        HttpResponse<String> response = service.admin("POST", "/admin/integrations",
                "{\"name\":\"Entra ID\",\"samlConnector\":\"entra-saml\"}");

        // Then the response carries everything the IdP needs, once
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = TokenServiceHarness.json(response);
        String clientId = body.get("clientId").asText();
        String secret = body.get("clientSecret").asText();
        assertThat(clientId).hasSizeGreaterThanOrEqualTo(24).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(body.get("scimBaseUrl").asText()).isEqualTo(TokenServiceHarness.AUDIENCE);
        assertThat(body.get("tokenUrl").asText()).isEqualTo(TokenServiceHarness.ISSUER + "/oauth2/token");
        assertThat(body.get("samlConnector").asText()).isEqualTo("entra-saml");
        assertThat(body.get("name").asText()).isEqualTo("Entra ID");
        assertThat(response.headers().firstValue("Location")).hasValue("/admin/integrations/" + clientId);

        // And reading it back never shows the secret again
        HttpResponse<String> read = service.admin("GET", "/admin/integrations/" + clientId, null);
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode readBody = TokenServiceHarness.json(read);
        assertThat(readBody.get("clientId").asText()).isEqualTo(clientId);
        assertThat(readBody.get("samlConnector").asText()).isEqualTo("entra-saml");
        assertThat(readBody.has("clientSecret")).isFalse();
        assertThat(read.body()).doesNotContain(secret);
    }

    @Test
    void shouldNeverStoreThePlainSecret() throws Exception {
        // Given a new integration
        JsonNode created = service.createIntegration("Okta", "okta-saml");
        String secret = created.get("clientSecret").asText();

        // When the stored record is looked at, as it would go to Kafka
        ScimIntegration stored = service.store.find(created.get("clientId").asText()).orElseThrow();
        String serialized = Json.mapper().writeValueAsString(stored);

        // Then it holds a salted hash only
        assertThat(serialized).doesNotContain(secret);
        assertThat(stored.toString()).doesNotContain(secret).doesNotContain(stored.secretHash());
        assertThat(stored.secretHash()).isNotEqualTo(secret);
        assertThat(Base64.getUrlDecoder().decode(stored.secretSalt())).hasSize(16);
        assertThat(stored.hashAlgorithm()).isEqualTo("sha256-salted");
        assertThat(stored.samlConnector()).isEqualTo("okta-saml");
    }

    @Test
    void shouldListIntegrationsWithoutSecretMaterial() {
        // Given two integrations
        JsonNode okta = service.createIntegration("Okta", "okta-saml");
        JsonNode entra = service.createIntegration("Entra", "entra-saml");

        // When an admin lists them
        HttpResponse<String> response = service.admin("GET", "/admin/integrations", null);

        // Then both appear, without secret, salt or hash
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode items = TokenServiceHarness.json(response).get("integrations");
        assertThat(items).hasSize(2);
        assertThat(items.findValuesAsText("clientId"))
                .containsExactlyInAnyOrder(okta.get("clientId").asText(), entra.get("clientId").asText());
        for (JsonNode created : List.of(okta, entra)) {
            ScimIntegration stored = service.store.find(created.get("clientId").asText()).orElseThrow();
            assertThat(response.body())
                    .doesNotContain(created.get("clientSecret").asText())
                    .doesNotContain(stored.secretHash())
                    .doesNotContain(stored.secretSalt());
        }
        assertThat(response.body()).doesNotContain("clientSecret").doesNotContain("secretHash");
    }

    @Test
    void shouldRotateSecretAndInvalidateTheOldOne() {
        // Given an integration whose secret works
        JsonNode created = service.createIntegration("Okta", "okta-saml");
        String clientId = created.get("clientId").asText();
        String oldSecret = created.get("clientSecret").asText();
        assertThat(service.tokenWithBasic(clientId, oldSecret, CLIENT_CREDENTIALS).statusCode()).isEqualTo(200);

        // When an admin rotates the secret
        HttpResponse<String> rotated = service.admin("POST", "/admin/integrations/" + clientId + "/secret", null);

        // Then the new secret works and the old one does not
        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode body = TokenServiceHarness.json(rotated);
        String newSecret = body.get("clientSecret").asText();
        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(body.get("clientId").asText()).isEqualTo(clientId);
        assertThat(body.get("samlConnector").asText()).isEqualTo("okta-saml");
        assertThat(service.tokenWithBasic(clientId, newSecret, CLIENT_CREDENTIALS).statusCode()).isEqualTo(200);
        assertThat(service.tokenWithBasic(clientId, oldSecret, CLIENT_CREDENTIALS).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRejectMissingSamlConnector() {
        // When samlConnector is missing
        HttpResponse<String> response = service.admin("POST", "/admin/integrations", "{\"name\":\"Okta\"}");

        // Then 400 with a clear message, and nothing stored
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = TokenServiceHarness.json(response);
        assertThat(body.get("error").asText()).isEqualTo("invalid_request");
        assertThat(body.get("error_description").asText()).contains("samlConnector");
        assertThat(service.store.all()).isEmpty();
    }

    @Test
    void shouldRejectBodyThatIsNotJson() {
        HttpResponse<String> response = service.admin("POST", "/admin/integrations", "samlConnector=x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TokenServiceHarness.json(response).get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void shouldAnswer404ForUnknownIntegration() {
        assertThat(service.admin("GET", "/admin/integrations/nope", null).statusCode()).isEqualTo(404);
        assertThat(service.admin("POST", "/admin/integrations/nope/secret", null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRejectAdminRequestsWithoutTheAdminToken() {
        // Given an integration
        String clientId = service.createIntegration("Okta", "okta-saml").get("clientId").asText();

        // When admin endpoints are called without the token, with a wrong one, or with another scheme
        List<HttpResponse<String>> responses = List.of(
                service.get("/admin/integrations"),
                service.get("/admin/integrations/" + clientId),
                service.get("/admin/integrations", "Authorization", "Bearer wrong"),
                service.get("/admin/integrations", "Authorization", "Bearer "),
                service.get("/admin/integrations", "Authorization", "Basic " + TokenServiceHarness.ADMIN_TOKEN),
                service.post("/admin/integrations", "application/json", "{\"samlConnector\":\"x\"}"),
                service.post("/admin/integrations/" + clientId + "/secret", "application/json", ""));

        // Then every one is 401 and nothing changed
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(response.body()).doesNotContain("clientSecret");
        });
        assertThat(service.store.all()).hasSize(1);
    }

    @Test
    void shouldAcceptTheBearerSchemeCaseInsensitively() {
        HttpResponse<String> response = service.get("/admin/integrations",
                "Authorization", "bearer " + TokenServiceHarness.ADMIN_TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
