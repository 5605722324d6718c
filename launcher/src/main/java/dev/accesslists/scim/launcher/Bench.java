package dev.accesslists.scim.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load against a running pipeline on this machine, printing throughput and latency: creates,
 * reads, and group PATCHes adding one member to a growing group (whose cost must not grow with
 * the group). It uses an integration of its own, so it never touches a real IdP's directory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure a running pipeline (loopback only) and print the figures.")
final class Bench implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "data", description = "Data folder of the running pipeline (admin token).")
    Path dataDir;
    @Option(names = "--token-url", defaultValue = "http://localhost:8081")
    String tokenService;
    @Option(names = "--users", defaultValue = "2000")
    int users;
    @Option(names = "--concurrency", defaultValue = "32")
    int concurrency;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private String base;

    @Override
    public Integer call() throws Exception {
        JsonNode integration = createIntegration();
        base = integration.get("scimBaseUrl").asText();
        token = token(integration.get("clientId").asText(), integration.get("clientSecret").asText());
        String run = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("bench: %d users, concurrency %d, against %s%n", users, concurrency, base);

        List<String> ids = new ArrayList<>();
        report("POST /Users", users, i -> send("POST", "/Users",
                "{\"userName\":\"bench-" + run + "-" + i + "@example.com\",\"active\":true}")
                .thenApply(r -> {
                    synchronized (ids) {
                        ids.add(idOf(r.body()));
                    }
                    return r;
                }));
        report("GET /Users/{id}", users, i -> send("GET", "/Users/" + ids.get(i % ids.size()), null));
        report("GET /Users?filter=userName eq", users, i -> send("GET", "/Users?filter="
                + URLEncoder.encode("userName eq \"bench-" + run + "-" + i + "@example.com\"", StandardCharsets.UTF_8),
                null));

        String group = Json.mapper().readTree(send("POST", "/Groups", "{\"displayName\":\"GroupRequester\"}").join()
                .body()).get("id").asText();
        try {
            int half = ids.size() / 2;
            report("PATCH /Groups add 1 member (group 0.." + half + ")", half, i -> addMember(group, ids.get(i)));
            report("PATCH /Groups add 1 member (group " + half + ".." + ids.size() + ")", ids.size() - half,
                    i -> addMember(group, ids.get(half + i)));
        } finally {
            send("DELETE", "/Groups/" + group, null).join();
        }
        return 0;
    }

    private static String idOf(String body) {
        try {
            return Json.mapper().readTree(body).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer", e);
        }
    }

    private CompletableFuture<HttpResponse<String>> addMember(String group, String user) {
        return send("PATCH", "/Groups/" + group,
                "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}]}");
    }

    /** Runs {@code count} requests with at most {@code concurrency} in flight; prints req/s and latency percentiles. */
    private void report(String name, int count, IntFunction<CompletableFuture<HttpResponse<String>>> request)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        long[] latencies = new long[count];
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            int index = i;
            long sent = System.nanoTime();
            all.add(request.apply(i).whenComplete((r, e) -> {
                latencies[index] = System.nanoTime() - sent;
                if (e != null || r.statusCode() >= 300) {
                    failures.incrementAndGet();
                }
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("%-48s %6d req  %8.0f req/s  p50 %6.1f ms  p99 %6.1f ms  failed %d%n", name, count,
                count / seconds, latencies[count / 2] / 1e6, latencies[(int) (count * 0.99)] / 1e6, failures.get());
    }

    private CompletableFuture<HttpResponse<String>> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/scim+json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode createIntegration() throws IOException, InterruptedException {
        String admin = Files.readString(dataDir.resolve("admin-token")).trim();
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenService + "/admin/integrations"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench-" + System.currentTimeMillis()
                        + "\",\"samlConnector\":\"bench\"}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("cannot create a bench integration: " + response.statusCode());
        }
        return Json.mapper().readTree(response.body());
    }

    private String token(String clientId, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenService + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        return Json.mapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                .get("access_token").asText();
    }
}
