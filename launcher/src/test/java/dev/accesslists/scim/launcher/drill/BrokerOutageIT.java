package dev.accesslists.scim.launcher.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the broker stopped, writes and reads answer 503 with Retry-After within a bounded time and
 * nothing hangs; when the broker is back, the services recover by themselves (none restarted).
 */
class BrokerOutageIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration BOUND = Duration.ofSeconds(15);

    @Test
    void shouldAnswer503WhileTheBrokerIsDownAndRecoverWithoutARestart(@TempDir Path dir) throws Exception {
        try (Cluster cluster = Cluster.start(dir, List.of(CrashDrill.LIST))) {
            JsonNode credentials = cluster.admin().createRegistering("outage", "okta");
            String base = cluster.settings().scimBaseUrl();
            String token = token(cluster, credentials);
            assertThat(send("POST", base + "/Users", token, user("before")).statusCode()).isEqualTo(201);

            // When the broker is gone
            cluster.kill(Cluster.Part.BROKER);

            // Then a write and a read answer 503 with Retry-After, within the bound
            for (String[] request : new String[][] {{"POST", "/Users", user("during")}, {"GET", "/Users", null}}) {
                long started = System.nanoTime();
                HttpResponse<String> answer = send(request[0], base + request[1], token, request[2]);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.printf("%s %s with the broker down: %d after %d ms%n", request[0], request[1],
                        answer.statusCode(), took.toMillis());
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(Json.mapper().readTree(answer.body()).get("status").asText()).isEqualTo("503");
                assertThat(took).isLessThan(BOUND);
            }
            // and what needs no broker still works: discovery, and tokens for known integrations
            assertThat(send("GET", base + "/ServiceProviderConfig", null, null).statusCode()).isEqualTo(200);
            assertThat(token(cluster, credentials)).isNotBlank();

            // When the broker is back, writes succeed again without restarting any service
            cluster.restart(Cluster.Part.BROKER);
            long back = System.nanoTime();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> send("POST", base + "/Users", token, user("after")).statusCode() == 201);
            System.out.printf("writes succeed again %d ms after the broker was back%n",
                    (System.nanoTime() - back) / 1_000_000);
            assertThat(send("GET", base + "/Users?filter=userName%20eq%20%22after@example.com%22", token, null).body())
                    .contains("after@example.com");
            cluster.awaitReady();
        }
    }

    private static String user(String name) {
        return "{\"userName\":\"" + name + "@example.com\"}";
    }

    private static String token(Cluster cluster, JsonNode credentials) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((credentials.get("clientId").asText() + ":"
                + credentials.get("clientSecret").asText()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.settings().tokenIssuer()
                        + "/oauth2/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(response.body()).get("access_token").asText();
    }

    private static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/scim+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
