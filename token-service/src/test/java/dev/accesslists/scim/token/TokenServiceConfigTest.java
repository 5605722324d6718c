package dev.accesslists.scim.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenServiceConfigTest {

    @Test
    void shouldApplyDefaults() {
        // When only the admin token is set
        TokenServiceConfig config = TokenServiceConfig.fromEnv(Map.of("ADMIN_TOKEN", "s3cret-admin"));

        // Then everything else has its default
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.issuer()).isEqualTo("http://localhost:8081");
        assertThat(config.audience()).isEqualTo("http://localhost:8080/scim/v2");
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.topicReplicationFactor()).isEqualTo((short) 1);
        assertThat(config.tokenEndpoint()).isEqualTo("http://localhost:8081/oauth2/token");
        assertThat(config.jwksUri()).isEqualTo("http://localhost:8081/.well-known/jwks.json");
    }

    @Test
    void shouldReadEveryVariable() {
        TokenServiceConfig config = TokenServiceConfig.fromEnv(Map.of(
                "TOKEN_PORT", "9000",
                "TOKEN_ISSUER", "https://auth.example.com/",
                "SCIM_BASE_URL", "https://scim.example.com/scim/v2",
                "DATA_DIR", "/var/lib/token",
                "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                "ADMIN_TOKEN", "s3cret-admin",
                "TOKEN_TTL_SECONDS", "600",
                "TOPIC_REPLICATION_FACTOR", "3"));

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.issuer()).isEqualTo("https://auth.example.com");
        assertThat(config.audience()).isEqualTo("https://scim.example.com/scim/v2");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/token"));
        assertThat(config.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(config.adminToken()).isEqualTo("s3cret-admin");
        assertThat(config.tokenTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.topicReplicationFactor()).isEqualTo((short) 3);
    }

    @Test
    void shouldFailClearlyWithoutAdminToken() {
        assertThatThrownBy(() -> TokenServiceConfig.fromEnv(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ADMIN_TOKEN");
    }

    @Test
    void shouldNameTheVariableThatIsNotANumber() {
        assertThatThrownBy(() -> TokenServiceConfig.fromEnv(Map.of("ADMIN_TOKEN", "a", "TOKEN_TTL_SECONDS", "1h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TOKEN_TTL_SECONDS");
    }

    @Test
    void shouldRejectAnIssuerWithQuery() {
        assertThatThrownBy(() -> TokenServiceConfig.fromEnv(Map.of("ADMIN_TOKEN", "a", "TOKEN_ISSUER", "https://a.example?x=1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("issuer");
    }

    @Test
    void shouldNotPrintTheAdminToken() {
        TokenServiceConfig config = TokenServiceConfig.fromEnv(Map.of("ADMIN_TOKEN", "very-secret-admin-token"));

        assertThat(config.toString()).doesNotContain("very-secret-admin-token");
    }
}
