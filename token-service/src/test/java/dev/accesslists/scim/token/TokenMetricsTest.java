package dev.accesslists.scim.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.token.oauth.TokenMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.Collection;
import org.junit.jupiter.api.Test;

/** The token endpoint's counters, and what {@code GET /metrics} shows of them. */
class TokenMetricsTest extends WithOneIntegration {
    @Test
    void countsIssuedTokensByIntegration() {
        assertThat(service.tokenWithBasic(clientId, clientSecret, CLIENT_CREDENTIALS).statusCode()).isEqualTo(200);
        assertThat(service.tokenWithPost(clientId, clientSecret, CLIENT_CREDENTIALS).statusCode()).isEqualTo(200);

        assertThat(registry().get(TokenMetrics.ISSUED).tag("integration", clientId).counter().count()).isEqualTo(2);
        assertThat(registry().find(TokenMetrics.FAILURES).counters()).isEmpty();
    }

    @Test
    void countsFailuresByErrorCodeNamingOnlyKnownIntegrations() {
        String invented = "attacker-chosen-" + "x".repeat(40);
        service.tokenWithBasic(clientId, "wrong-secret", CLIENT_CREDENTIALS);
        service.tokenWithBasic(invented, "wrong-secret", CLIENT_CREDENTIALS);
        service.tokenWithBasic(clientId, clientSecret, "grant_type=password&username=a&password=b");
        service.post("/oauth2/token", TokenServiceHarness.FORM, CLIENT_CREDENTIALS);
        service.get("/oauth2/token");

        assertThat(failures("invalid_client", clientId)).isEqualTo(1);
        assertThat(failures("unsupported_grant_type", clientId)).isEqualTo(1);
        // a client id that names no integration is never a label value
        assertThat(failures("invalid_client", TokenMetrics.UNKNOWN)).isEqualTo(2);
        assertThat(failures("invalid_request", TokenMetrics.UNKNOWN)).isEqualTo(1);
        assertThat(registry().find(TokenMetrics.FAILURES).tag("integration", invented).counters()).isEmpty();
        assertThat(registry().find(TokenMetrics.ISSUED).counters()).isEmpty();
    }

    @Test
    void countsThrottledRequests() {
        // the default allows 10 failed authentications per client id and address in a minute
        for (int i = 0; i < 10; i++) {
            assertThat(service.tokenWithBasic(clientId, "wrong-secret", CLIENT_CREDENTIALS).statusCode()).isEqualTo(401);
        }
        assertThat(service.tokenWithBasic(clientId, "wrong-secret", CLIENT_CREDENTIALS).statusCode()).isEqualTo(429);

        assertThat(failures(TokenMetrics.THROTTLED, clientId)).isEqualTo(1);
        assertThat(failures("invalid_client", clientId)).isEqualTo(10);
    }

    @Test
    void servesPrometheusTextWithoutCredentialsAndWithoutSecrets() {
        String token = TokenServiceHarness.json(service.tokenWithBasic(clientId, clientSecret, CLIENT_CREDENTIALS))
                .get("access_token").asText();
        service.tokenWithBasic("nobody", "wrong-secret", CLIENT_CREDENTIALS);

        HttpResponse<String> metrics = service.get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(metrics.body())
                .contains("scim_token_issued_total{integration=\"" + clientId + "\",service=\"token-service\"} 1")
                .contains("scim_token_failures_total{error=\"invalid_client\",integration=\"unknown\","
                        + "service=\"token-service\"} 1")
                .contains("jvm_memory_used_bytes")
                .doesNotContain(clientSecret)
                .doesNotContain(token)
                .doesNotContain(TokenServiceHarness.ADMIN_TOKEN)
                .doesNotContain("nobody");
    }

    private MeterRegistry registry() {
        return service.app.metrics().registry();
    }

    private double failures(String error, String integration) {
        Collection<Counter> counters = registry().find(TokenMetrics.FAILURES).tag("error", error)
                .tag("integration", integration).counters();
        return counters.stream().mapToDouble(Counter::count).sum();
    }
}
