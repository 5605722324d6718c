package dev.accesslists.scim.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.accesslists.scim.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A client of the token service's admin API, as scripts use it: integrations and their lifecycle. */
public final class AdminApi {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminToken;

    /** The admin API answered with an error, or could not be reached; the message is fit for a user. */
    public static final class AdminApiException extends RuntimeException {
        private final int status;

        AdminApiException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        /** The HTTP status, or 0 when the service could not be reached. */
        public int status() {
            return status;
        }
    }

    /** @param baseUrl the token service, e.g. {@code http://localhost:8081} */
    public AdminApi(String baseUrl, String adminToken) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.adminToken = adminToken;
    }

    public JsonNode list() {
        return call("GET", "/admin/integrations", null).path("integrations");
    }

    public JsonNode get(String clientId) {
        return call("GET", "/admin/integrations/" + clientId, null);
    }

    /** Creates an integration; the answer holds the client secret, shown this once. */
    public JsonNode create(String name, String samlConnector) {
        return call("POST", "/admin/integrations", Json.mapper().createObjectNode().put("name", name)
                .put("samlConnector", samlConnector).toString());
    }

    /** Issues a new secret (shown this once); tokens issued before stop working. */
    public JsonNode rotateSecret(String clientId) {
        return call("POST", "/admin/integrations/" + clientId + "/secret", null);
    }

    public JsonNode disable(String clientId) {
        return call("POST", "/admin/integrations/" + clientId + "/disable", null);
    }

    public JsonNode enable(String clientId) {
        return call("POST", "/admin/integrations/" + clientId + "/enable", null);
    }

    public void delete(String clientId) {
        call("DELETE", "/admin/integrations/" + clientId, null);
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + adminToken)
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AdminApiException(0, "the token service at " + baseUrl + " cannot be reached: is the pipeline"
                    + " running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApiException(0, "interrupted");
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() >= 300) {
            String description = answer.path("error_description").asText(answer.path("error").asText(""));
            throw new AdminApiException(response.statusCode(), switch (response.statusCode()) {
                case 401 -> "the admin token was refused";
                case 404 -> "no integration with this client id";
                default -> "the admin API answered " + response.statusCode()
                        + (description.isEmpty() ? "" : ": " + description);
            });
        }
        return answer;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
