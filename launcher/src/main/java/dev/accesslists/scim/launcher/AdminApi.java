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

    /**
     * Creates an integration, first registering its SAML connector (without entity id or SSO URL)
     * when it is not registered yet: for drills, fuzzing and tests that make their own.
     */
    public JsonNode createRegistering(String name, String samlConnector) {
        ensureConnector(samlConnector);
        return create(name, samlConnector);
    }

    /** Whether a SAML connector of this name is registered. */
    public boolean connectorRegistered(String name) {
        for (JsonNode connector : connectors()) {
            if (name.equals(connector.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Registers the SAML connector when it is not registered yet. */
    public void ensureConnector(String samlConnector) {
        if (connectorRegistered(samlConnector)) {
            return;
        }
        try {
            registerConnector(samlConnector, null, null);
        } catch (AdminApiException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
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

    /** Registered SAML connectors. */
    public JsonNode connectors() {
        return call("GET", "/admin/saml-connectors", null).path("samlConnectors");
    }

    /** Registers a SAML connector; entity id and SSO URL may be null. */
    public JsonNode registerConnector(String name, String entityId, String ssoUrl) {
        com.fasterxml.jackson.databind.node.ObjectNode body = Json.mapper().createObjectNode().put("name", name);
        if (entityId != null) {
            body.put("entityId", entityId);
        }
        if (ssoUrl != null) {
            body.put("ssoUrl", ssoUrl);
        }
        return call("POST", "/admin/saml-connectors", body.toString());
    }

    public void deleteConnector(String name) {
        call("DELETE", "/admin/saml-connectors/" + encode(name), null);
    }

    /** Every Access List, with member counts for scim lists. */
    public JsonNode accessLists() {
        return call("GET", "/admin/access-lists", null).path("accessLists");
    }

    /**
     * Applies a set of Access Lists (YAML or JSON text): only what changed is written, and with
     * {@code prune} the lists not in the set are deleted. Answers what was created, updated,
     * left unchanged and deleted.
     */
    public JsonNode applyAccessLists(String yaml, boolean prune) {
        return call("POST", "/admin/access-lists/apply" + (prune ? "?prune=true" : ""), yaml, "application/yaml");
    }

    /** A page of a list's members from the view keyed by title; {@code after} from the previous page's {@code next}. */
    public JsonNode accessListMembers(String name, String after, int limit) {
        return call("GET", "/admin/access-lists/" + encode(name) + "/members?limit=" + limit
                + (after == null ? "" : "&after=" + encode(after)), null);
    }

    public void deleteAccessList(String name) {
        call("DELETE", "/admin/access-lists/" + encode(name), null);
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, String body) {
        return call(method, path, body, "application/json");
    }

    private JsonNode call(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + adminToken)
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
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
                case 404 -> description.isEmpty() ? "not found" : description;
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
