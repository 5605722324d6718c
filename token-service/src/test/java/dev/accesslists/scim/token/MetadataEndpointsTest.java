package dev.accesslists.scim.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.integration.ScimIntegration;
import dev.accesslists.scim.token.integrations.InMemoryIntegrationStore;
import dev.accesslists.scim.token.integrations.IntegrationStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataEndpointsTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldPublishAuthorizationServerMetadata() {
        try (TokenServiceHarness service = new TokenServiceHarness(dataDir)) {
            // When the RFC 8414 document is fetched
            HttpResponse<String> response = service.get("/.well-known/oauth-authorization-server");

            // Then it describes a client-credentials-only server
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode metadata = TokenServiceHarness.json(response);
            assertThat(metadata.get("issuer").asText()).isEqualTo(TokenServiceHarness.ISSUER);
            assertThat(metadata.get("token_endpoint").asText()).isEqualTo(TokenServiceHarness.ISSUER + "/oauth2/token");
            assertThat(metadata.get("jwks_uri").asText()).isEqualTo(TokenServiceHarness.ISSUER + "/.well-known/jwks.json");
            assertThat(texts(metadata.get("grant_types_supported"))).containsExactly("client_credentials");
            assertThat(texts(metadata.get("token_endpoint_auth_methods_supported")))
                    .containsExactly("client_secret_basic", "client_secret_post");
            assertThat(metadata.get("response_types_supported").isArray()).isTrue();
            assertThat(texts(metadata.get("scopes_supported"))).containsExactly("scim");
        }
    }

    @Test
    void shouldPublishOnlyThePublicSigningKey() {
        try (TokenServiceHarness service = new TokenServiceHarness(dataDir)) {
            // When the JWKS is fetched
            HttpResponse<String> response = service.get("/.well-known/jwks.json");

            // Then it holds exactly the public RSA signing key
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode keys = TokenServiceHarness.json(response).get("keys");
            assertThat(keys).hasSize(1);
            JsonNode key = keys.get(0);
            assertThat(key.get("kty").asText()).isEqualTo("RSA");
            assertThat(key.get("kid").asText()).isEqualTo(service.keys.keyId());
            assertThat(key.get("alg").asText()).isEqualTo("RS256");
            assertThat(key.get("use").asText()).isEqualTo("sig");
            assertThat(key.has("n")).isTrue();
            assertThat(key.has("e")).isTrue();
            assertThat(List.of("d", "p", "q", "dp", "dq", "qi")).noneMatch(key::has);
        }
    }

    @Test
    void shouldReportHealthyAndReady() {
        try (TokenServiceHarness service = new TokenServiceHarness(dataDir)) {
            assertThat(service.get("/health").statusCode()).isEqualTo(200);
            assertThat(service.get("/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldReportNotReadyWhileTheStoreIsCatchingUp() {
        // Given a store that has not caught up yet
        try (TokenServiceHarness service = new TokenServiceHarness(dataDir, new CatchingUpStore())) {
            // Then the process is healthy but not ready
            assertThat(service.get("/health").statusCode()).isEqualTo(200);
            assertThat(service.get("/ready").statusCode()).isEqualTo(503);
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** A store still reading its topic. */
    private static final class CatchingUpStore implements IntegrationStore {
        private final InMemoryIntegrationStore delegate = new InMemoryIntegrationStore();

        @Override
        public Optional<ScimIntegration> find(String clientId) {
            return delegate.find(clientId);
        }

        @Override
        public CompletableFuture<ScimIntegration> put(ScimIntegration integration) {
            return delegate.put(integration);
        }

        @Override
        public CompletableFuture<Boolean> delete(String clientId) {
            return delegate.delete(clientId);
        }

        @Override
        public List<ScimIntegration> all() {
            return delegate.all();
        }

        @Override
        public boolean ready() {
            return false;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
