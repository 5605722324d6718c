package dev.accesslists.scim.launcher.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.accesslists.scim.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A SCIM client that behaves as IdPs do when the service is in trouble: a request that gets no
 * definite answer (a dropped connection, a time-out, 5xx, 429) is sent again, the same request,
 * after a back-off, until it gets one.
 */
final class ScimCalls {
    /** A definite answer: 2xx, or a 4xx other than 429. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final String tokenUrl;
    private final String clientId;
    private final String secret;
    private final Duration patience;
    private final AtomicLong retries;
    private volatile String token;

    ScimCalls(String baseUrl, String tokenUrl, String clientId, String secret, Duration patience, AtomicLong retries) {
        this.baseUrl = baseUrl;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.secret = secret;
        this.patience = patience;
        this.retries = retries;
    }

    Answer send(String method, String path, String body) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long backoff = 50;
        while (true) {
            int status = -1;
            JsonNode json = MissingNode.getInstance();
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + token())
                        .header("Content-Type", "application/scim+json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                json = response.body() == null || response.body().isEmpty() ? MissingNode.getInstance()
                        : Json.mapper().readTree(response.body());
            } catch (IOException e) {
                // no definite answer: the connection dropped, or the service is down
            }
            if (status == 401) {
                token = null;
            }
            if (status >= 200 && status < 500 && status != 429 && status != 401) {
                return new Answer(status, json);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(method + " " + path + " got no definite answer within "
                        + patience.toSeconds() + " s (last " + status + ")");
            }
            retries.incrementAndGet();
            Thread.sleep(backoff);
            backoff = Math.min(1000, backoff * 2);
        }
    }

    private String token() throws IOException, InterruptedException {
        String current = token;
        if (current != null) {
            return current;
        }
        String basic = Base64.getEncoder().encodeToString((form(clientId) + ":" + form(secret))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("token request answered " + response.statusCode());
        }
        token = Json.mapper().readTree(response.body()).get("access_token").asText();
        return token;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
