package dev.accesslists.scim.launcher.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.launcher.AdminApi;
import dev.accesslists.scim.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a fuzz run needs from a live pipeline: an integration of its own (so no real IdP's directory
 * is touched) with a few users and a group to name, and the ids of another integration's user, to
 * check that they stay out of reach.
 */
public final class FuzzTarget {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;
    private final RequestFuzzer.Known known;

    private FuzzTarget(String baseUrl, String token, RequestFuzzer.Known known) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.known = known;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String token() {
        return token;
    }

    public RequestFuzzer.Known known() {
        return known;
    }

    /** Creates the fuzz integrations through the admin API and seeds their directories. */
    public static FuzzTarget prepare(AdminApi admin, String tokenUrl, String run) throws IOException, InterruptedException {
        JsonNode own = admin.createRegistering("fuzz-" + run, "fuzz");
        JsonNode other = admin.create("fuzz-other-" + run, "fuzz");
        String baseUrl = own.get("scimBaseUrl").asText();
        FuzzTarget otherTarget = new FuzzTarget(baseUrl, token(tokenUrl, other), null);
        List<String> foreign = new ArrayList<>(List.of(otherTarget.create("/Users", "{\"userName\":\"other@example.com\"}")));
        FuzzTarget seeding = new FuzzTarget(baseUrl, token(tokenUrl, own), null);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(seeding.create("/Users", "{\"userName\":\"seed-" + i + "@example.com\"}"));
        }
        String group = seeding.create("/Groups", "{\"displayName\":\"GroupRequester\",\"members\":[{\"value\":\""
                + users.get(0) + "\"}]}");
        return new FuzzTarget(baseUrl, seeding.token, new RequestFuzzer.Known(users, List.of(group), foreign));
    }

    private String create(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("cannot seed the fuzz directory: " + path + " answered "
                    + response.statusCode() + " (is an Access List titled GroupRequester of type scim applied?)");
        }
        return Json.mapper().readTree(response.body()).get("id").asText();
    }

    private static String token(String tokenUrl, JsonNode credentials) throws IOException, InterruptedException {
        String pair = URLEncoder.encode(credentials.get("clientId").asText(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(credentials.get("clientSecret").asText(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        pair.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request answered " + response.statusCode());
        }
        return Json.mapper().readTree(response.body()).get("access_token").asText();
    }
}
