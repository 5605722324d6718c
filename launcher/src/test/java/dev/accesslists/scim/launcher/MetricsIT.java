package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every service's {@code GET /metrics} on the real stack, after a short IdP workload: the series
 * an operator (and the Grafana dashboard) relies on are there, with plausible values, scraped
 * without credentials, and no label carries a user name, a secret or a token.
 */
class MetricsIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyServiceShowsItsSeriesAfterAWorkloadAndNoSecret() throws Exception {
        TestStack env = TestStack.get();
        LocalStack.Credentials credentials = env.stack.ensureIntegration("metrics", "okta", true);
        String clientId = credentials.clientId();
        String secret = credentials.clientSecret().orElseThrow();
        ScimClient idp = new ScimClient(credentials.scimBaseUrl(), credentials.tokenUrl(), clientId, secret);
        String userName = "metrics-probe-" + UUID.randomUUID() + "@example.com";

        // Given an IdP's workload: a token, a user, a group, a member added, the user read back
        String token = idp.token();
        ScimClient.Response user = idp.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"" + userName + "\",\"name\":{\"givenName\":\"Metrics\",\"familyName\":\"Probe\"},"
                + "\"active\":true}");
        assertThat(user.status()).isEqualTo(201);
        String userId = user.body().get("id").asText();
        ScimClient.Response group = idp.post("/Groups", "{\"displayName\":\"GroupRequester\",\"members\":[]}");
        assertThat(group.status()).isEqualTo(201);
        String groupId = group.body().get("id").asText();
        ScimClient.Response added = idp.patch("/Groups/" + groupId, "{\"schemas\":"
                + "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\","
                + "\"path\":\"members\",\"value\":[{\"value\":\"" + userId + "\"}]}]}");
        assertThat(added.status()).isEqualTo(204);
        assertThat(added.raw().headers().firstValue("Content-Type")).isEmpty();
        assertThat(idp.get("/Users/" + userId).status()).isEqualTo(200);
        // and a request without a token, and token requests that fail
        assertThat(send(HttpRequest.newBuilder(URI.create(credentials.scimBaseUrl() + "/Users")).GET())
                .statusCode()).isEqualTo(401);
        assertThat(tokenRequest(credentials.tokenUrl(), clientId, "not-the-secret").statusCode()).isEqualTo(401);
        String invented = "invented-" + UUID.randomUUID();
        assertThat(tokenRequest(credentials.tokenUrl(), invented, "not-the-secret").statusCode()).isEqualTo(401);

        // When Prometheus scrapes each service, without credentials
        Map<String, String> urls = env.stack.metricsUrls();
        Map<String, String> scrapes = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> url : urls.entrySet()) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url.getValue())).GET());
            assertThat(response.statusCode()).as(url.getValue()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(url.getValue())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
            scrapes.put(url.getKey(), response.body());
        }
        // a second scrape of ingest, so that a scrape counted as a SCIM request would show
        scrapes.put("ingest-service", send(HttpRequest.newBuilder(URI.create(urls.get("ingest-service"))).GET()).body());
        PrometheusText ingest = PrometheusText.parse(scrapes.get("ingest-service"));
        PrometheusText tokens = PrometheusText.parse(scrapes.get("token-service"));
        PrometheusText streams = PrometheusText.parse(scrapes.get("membership-streams"));

        // Then ingest counts the requests by route template, status and integration
        assertThat(requests(ingest, "POST /Users", "201", clientId)).isGreaterThanOrEqualTo(1);
        assertThat(requests(ingest, "POST /Groups", "201", clientId)).isGreaterThanOrEqualTo(1);
        assertThat(requests(ingest, "PATCH /Groups/{id}", "204", clientId)).isGreaterThanOrEqualTo(1);
        assertThat(requests(ingest, "GET /Users/{id}", "200", clientId)).isGreaterThanOrEqualTo(1);
        assertThat(requests(ingest, "GET /Users", "401", "none")).isGreaterThanOrEqualTo(1);
        assertThat(ingest.named("scim_requests_seconds_count")).allSatisfy(sample -> {
            assertThat(sample.label("route")).doesNotContain("metrics").doesNotContain(userId).doesNotContain(groupId);
            assertThat(sample.label("service")).isEqualTo("ingest-service");
        });
        // and times each write until its outcome, and reads until their bound is known
        assertThat(ingest.sum("scim_write_outcome_seconds_count", l -> true)).isGreaterThanOrEqualTo(3);
        assertThat(ingest.sum("scim_write_outcome_seconds_count", l -> "2xx".equals(l.get("status"))))
                .isGreaterThanOrEqualTo(3);
        assertThat(ingest.sum("scim_write_outcome_seconds_bucket", l -> "+Inf".equals(l.get("le"))))
                .isGreaterThanOrEqualTo(3);
        assertThat(ingest.sum("scim_read_bound_seconds_count", l -> true)).isGreaterThanOrEqualTo(1);
        // and shows the outcome listener's consumer, with its lag
        assertThat(ingest.named("kafka_consumer_fetch_manager_records_lag_max"))
                .anySatisfy(sample -> assertThat(sample.label("client_id")).isEqualTo("ingest-outcomes"));

        // and the token service counts tokens issued, and failures naming only known integrations
        assertThat(tokens.sum("scim_token_issued_total", l -> clientId.equals(l.get("integration"))))
                .isGreaterThanOrEqualTo(1);
        assertThat(tokens.sum("scim_token_failures_total", l -> "invalid_client".equals(l.get("error"))
                && clientId.equals(l.get("integration")))).isGreaterThanOrEqualTo(1);
        assertThat(tokens.sum("scim_token_failures_total", l -> "invalid_client".equals(l.get("error"))
                && "unknown".equals(l.get("integration")))).isGreaterThanOrEqualTo(1);

        // and membership-streams shows Kafka Streams' own metrics and the writer's counters
        assertThat(streams.names()).contains("kafka_stream_thread_process_rate",
                "kafka_stream_thread_commit_latency_avg", "kafka_consumer_fetch_manager_records_lag_max",
                "scim_writer_dead_letters_total");
        assertThat(streams.sum("scim_writer_commands_total", l -> true)).isGreaterThanOrEqualTo(3);
        assertThat(streams.sum("scim_read_wait_seconds_count", l -> "reached".equals(l.get("result"))))
                .isGreaterThanOrEqualTo(1);
        assertThat(streams.named("jvm_memory_used_bytes")).isNotEmpty();

        // and every series the dashboard selects is among what its service shows
        Map<String, PrometheusText> byService = Map.of("ingest-service", ingest, "token-service", tokens,
                "membership-streams", streams);
        List<GrafanaDashboard.Selector> selectors = GrafanaDashboard.load().selectors();
        assertThat(selectors).allSatisfy(selector -> {
            if (selector.service() == null) {
                assertThat(byService.values()).as(selector.expression())
                        .anySatisfy(scrape -> assertThat(scrape.names()).contains(selector.metric()));
            } else {
                assertThat(byService.get(selector.service()).names()).as(selector.expression())
                        .contains(selector.metric());
            }
        });

        // and nothing in any scrape is a user name, a secret or a token
        Path data = env.stack.settings().dataDir();
        List<String> secrets = List.of(userName, secret, token, Files.readString(data.resolve("admin-token")).trim(),
                Files.readString(data.resolve("internal-token")).trim(), invented);
        for (Map.Entry<String, String> scrape : scrapes.entrySet()) {
            for (String secretValue : secrets) {
                assertThat(scrape.getValue()).as(scrape.getKey()).doesNotContain(secretValue);
            }
            for (PrometheusText.Sample sample : PrometheusText.parse(scrape.getValue()).samples()) {
                assertThat(sample.labels().values()).as(scrape.getKey()).noneSatisfy(value ->
                        assertThat(value).containsAnyOf(userName, secret, token));
            }
        }
    }

    private static double requests(PrometheusText scrape, String route, String status, String integration) {
        return scrape.sum("scim_requests_seconds_count", l -> route.equals(l.get("route"))
                && status.equals(l.get("status")) && integration.equals(l.get("integration")));
    }

    private HttpResponse<String> tokenRequest(String tokenUrl, String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((ScimClient.form(clientId) + ":" + ScimClient.form(secret))
                .getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
