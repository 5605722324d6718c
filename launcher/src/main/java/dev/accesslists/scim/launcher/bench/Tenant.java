package dev.accesslists.scim.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.launcher.AdminApi;
import dev.accesslists.scim.schemas.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** One SCIM integration of the benchmark, with its token: whose directory id is its client id. */
record Tenant(String clientId, String baseUrl, String token, Load load) {

    static Tenant create(AdminApi admin, Load load, String tokenService, String name) {
        JsonNode created = admin.createRegistering(name, "bench");
        String clientId = created.get("clientId").asText();
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + created.get("clientSecret").asText())
                .getBytes(StandardCharsets.UTF_8));
        // the token request needs Basic auth and a form body: the JDK client does it simply
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(tokenService
                            + "/oauth2/token")).header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String token = Json.mapper().readTree(response.body()).get("access_token").asText();
            return new Tenant(clientId, created.get("scimBaseUrl").asText(), token, load);
        } catch (IOException e) {
            throw new IllegalStateException("cannot get a token for " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Load.Call get(String path) {
        return new Load.Call("GET", baseUrl + path, token, null);
    }

    Load.Call post(String path, String body) {
        return new Load.Call("POST", baseUrl + path, token, body);
    }

    Load.Call patch(String path, String body) {
        return new Load.Call("PATCH", baseUrl + path, token, body);
    }

    Load.Call delete(String path) {
        return new Load.Call("DELETE", baseUrl + path, token, null);
    }

    /** Waits until the directory holds at least {@code users} users. */
    void awaitUsers(int users, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            Load.Answer answer = load.call(get("/Users?count=0"));
            if (answer.ok()) {
                try {
                    last = Json.mapper().readTree(answer.body()).path("totalResults").asLong();
                } catch (IOException e) {
                    last = -1;
                }
                if (last >= users) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the directory has " + last + " users, not " + users + ", after " + timeout);
    }

    /**
     * Waits until every command written before this call to the directory's log is applied: a write
     * sent now is answered only after them, since they share the directory's partition.
     */
    void awaitApplied(String group, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String noOp = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":"
                + "\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"bench-probe\"}]}]}";
        int status = -1;
        while (System.nanoTime() < deadline) {
            status = load.call(patch("/Groups/" + group, noOp)).status();
            if (status >= 200 && status < 300) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the directory's commands were not applied within " + timeout + " (" + status
                + ")");
    }
}
