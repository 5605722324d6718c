package dev.accesslists.scim.token.directory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.runtime.InternalTls;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * Reads of the membership state for the admin API, through the membership-streams internal query
 * API (the same path the SCIM reads take): a directory's counts, recent membership changes and
 * users with their lists, and the view keyed by Access List title. Nothing is cached here.
 */
public final class DirectoryClient {
    private final URI base;
    private final String authorization;
    private final HttpClient http;

    /** The membership state could not answer; the message is fit for a person. */
    public static final class UnavailableException extends RuntimeException {
        private final int status;

        public UnavailableException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        /** The query API's status, or 0 when it could not be reached. */
        public int status() {
            return status;
        }
    }

    /**
     * @param queryUrl the membership-streams query API, e.g. {@code http://127.0.0.1:8082}
     * @param internalToken the shared secret of the internal API
     * @param tls mutual TLS towards it, or null
     */
    public DirectoryClient(URI queryUrl, String internalToken, SSLContext tls) {
        String url = queryUrl.toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.authorization = "Bearer " + internalToken;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
    }

    /** From {@code STREAMS_QUERY_URL} and {@code INTERNAL_TOKEN} (and the internal TLS settings); null when not set. */
    public static DirectoryClient fromEnv(Map<String, String> env) {
        String token = env.get("INTERNAL_TOKEN");
        if (token == null || token.isBlank()) {
            return null;
        }
        SSLContext tls = InternalTls.fromEnv(env).map(InternalTls::sslContext).orElse(null);
        return new DirectoryClient(URI.create(env.getOrDefault("STREAMS_QUERY_URL", "http://localhost:8082")),
                token, tls);
    }

    /** Users and groups of a directory: {@code {"users": n, "groups": n}}. */
    public CompletableFuture<Map<String, Long>> counts(String directoryId) {
        CompletableFuture<JsonNode> users = get(dir(directoryId) + "/users", Map.of("count", "0"));
        CompletableFuture<JsonNode> groups = get(dir(directoryId) + "/groups", Map.of("count", "0", "members", "false"));
        return users.thenCombine(groups, (u, g) -> Map.of("users", u.path("totalResults").asLong(),
                "groups", g.path("totalResults").asLong()));
    }

    /** The directory's latest membership changes, newest first. */
    public CompletableFuture<JsonNode> recentChanges(String directoryId, int limit) {
        return get(dir(directoryId) + "/changes", Map.of("limit", String.valueOf(limit)));
    }

    /** A page of the directory's users with the lists each is in. */
    public CompletableFuture<JsonNode> usersWithLists(String directoryId, int startIndex, int count, String filter) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("startIndex", String.valueOf(startIndex));
        query.put("count", String.valueOf(count));
        if (filter != null) {
            query.put("filter", filter);
        }
        return get(dir(directoryId) + "/user-lists", query);
    }

    /** The directory's group linked to the named list: {@code {id, displayName}}, or null when none. */
    public CompletableFuture<JsonNode> linkedGroup(String directoryId, String accessListName) {
        return get(dir(directoryId) + "/linked-group", Map.of("accessList", accessListName))
                .exceptionally(e -> {
                    if (e.getCause() instanceof UnavailableException u && u.status() == 404) {
                        return null;
                    }
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                });
    }

    /** A page of a list's members across integrations, with the list's counts. */
    public CompletableFuture<JsonNode> listMembers(String title, String after, int limit, String search) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("title", title);
        query.put("limit", String.valueOf(limit));
        if (after != null && !after.isBlank()) {
            query.put("after", after);
        }
        if (search != null && !search.isBlank()) {
            query.put("q", search);
        }
        return get("/internal/v1/lists/members", query);
    }

    /** One member's history in a list, newest first. */
    public CompletableFuture<JsonNode> memberHistory(String title, String directoryId, String userId) {
        return get("/internal/v1/lists/history", Map.of("title", title, "dir", directoryId, "user", userId));
    }

    private static String dir(String directoryId) {
        return "/internal/v1/directories/" + URLEncoder.encode(directoryId, StandardCharsets.UTF_8);
    }

    private CompletableFuture<JsonNode> get(String path, Map<String, String> query) {
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path + (encoded.isEmpty() ? "" : "?" + encoded)))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(10))
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .exceptionally(e -> {
                    throw new UnavailableException(0, "the membership state cannot be reached: is membership-streams"
                            + " running?");
                })
                .thenApply(response -> {
                    JsonNode body;
                    try {
                        body = Json.mapper().readTree(response.body());
                    } catch (IOException e) {
                        body = null;
                    }
                    if (response.statusCode() != 200 || body == null) {
                        String detail = body == null ? "" : body.path("detail").asText("");
                        throw new UnavailableException(response.statusCode(), response.statusCode() == 503
                                ? "the membership state is not ready yet (it is starting or catching up); try again"
                                : "the membership state answered " + response.statusCode()
                                        + (detail.isEmpty() ? "" : ": " + detail));
                    }
                    return body;
                });
    }
}
