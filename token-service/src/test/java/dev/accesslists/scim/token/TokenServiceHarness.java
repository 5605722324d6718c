package dev.accesslists.scim.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.token.integrations.InMemoryIntegrationStore;
import dev.accesslists.scim.token.integrations.IntegrationStore;
import dev.accesslists.scim.token.keys.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** Starts the token service on a free port with an in-memory store, and talks HTTP to it. */
final class TokenServiceHarness implements AutoCloseable {
    static final String ADMIN_TOKEN = "test-admin-token-5f1c2a";
    static final String ISSUER = "http://token.example.test";
    static final String AUDIENCE = "http://scim.example.test/scim/v2";
    static final String FORM = "application/x-www-form-urlencoded";

    final IntegrationStore store;
    final SigningKeys keys;
    final TokenServiceApp app;
    private final HttpClient http = HttpClient.newHttpClient();

    TokenServiceHarness(Path dataDir) {
        this(dataDir, new InMemoryIntegrationStore());
    }

    TokenServiceHarness(Path dataDir, IntegrationStore store) {
        this.store = store;
        TokenServiceConfig config = new TokenServiceConfig(0, ISSUER, AUDIENCE, dataDir, "localhost:9092",
                ADMIN_TOKEN, Duration.ofHours(1));
        keys = SigningKeys.loadOrCreate(dataDir);
        app = new TokenServiceApp(config, store, keys).start();
        // the connectors the tests bind integrations to
        for (String connector : new String[] {"okta-saml", "entra-saml", "okta", "entra"}) {
            admin("POST", "/admin/saml-connectors", "{\"name\":\"" + connector + "\"}");
        }
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.build());
    }

    HttpResponse<String> admin(String method, String path, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody);
        return send(request(path, "Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json")
                .method(method, body).build());
    }

    HttpResponse<String> deleteWithoutAuth(String path) {
        return send(request(path).DELETE().build());
    }

    /** Creates an integration through the admin API and returns the 201 body. */
    JsonNode createIntegration(String name, String samlConnector) {
        HttpResponse<String> response = admin("POST", "/admin/integrations",
                "{\"name\":\"" + name + "\",\"samlConnector\":\"" + samlConnector + "\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("integration not created: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    HttpResponse<String> tokenWithBasic(String clientId, String secret, String form) {
        return post("/oauth2/token", FORM, form, "Authorization", basic(clientId, secret));
    }

    HttpResponse<String> tokenWithPost(String clientId, String secret, String form) {
        return post("/oauth2/token", FORM, form + "&client_id=" + encode(clientId) + "&client_secret=" + encode(secret));
    }

    /** RFC 6749 §2.3.1: form-encode id and secret, then Basic. */
    static String basic(String clientId, String secret) {
        String pair = encode(clientId) + ":" + encode(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
        store.close();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
