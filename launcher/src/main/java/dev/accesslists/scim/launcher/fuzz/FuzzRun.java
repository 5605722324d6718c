package dev.accesslists.scim.launcher.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Sends generated requests to a live SCIM endpoint and counts how it answers. A request fails the
 * run when it is answered with 5xx or not answered within the time-out (a hang). Request {@code i}
 * of seed {@code s} is always the same request, so a failure can be replayed.
 */
public final class FuzzRun {
    /**
     * @param sent requests that reached the server
     * @param unsendable generated requests the HTTP client refused to send (e.g. a header with a line break)
     * @param statuses how many answers of each status
     * @param failures the first failing requests, with how to reproduce them
     */
    public record Result(long sent, long unsendable, Map<Integer, Long> statuses, long serverErrors, long hangs,
                         long dropped, long resent, List<String> failures, Duration took, long slowestMillis) {
        public boolean passed() {
            return serverErrors == 0 && hangs == 0 && dropped == 0;
        }

        public void print(PrintStream out) {
            out.printf("fuzz: %s; %d requests in %.1f s (%.0f/s), %d not sendable by the HTTP client%n",
                    passed() ? "PASSED" : "FAILED", sent, took.toMillis() / 1000.0,
                    sent * 1000.0 / Math.max(1, took.toMillis()), unsendable);
            out.printf("  5xx answers: %d   hangs (no answer within the time-out): %d   requests that broke the"
                    + " connection twice: %d   slowest answer: %d ms%n", serverErrors, hangs, dropped, slowestMillis);
            out.printf("  requests sent again because a pooled connection was closed under them: %d%n", resent);
            out.println("  statuses: " + statuses);
            failures.forEach(f -> out.println("  failure: " + f));
        }
    }

    private FuzzRun() {
    }

    public static Result run(String baseUrl, Supplier<String> token, RequestFuzzer.Known known, long seed, int requests,
                             int concurrency, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        AtomicLong unsendable = new AtomicLong();
        AtomicLong serverErrors = new AtomicLong();
        AtomicLong hangs = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        AtomicLong resent = new AtomicLong();
        AtomicLong slowest = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    RequestFuzzer.FuzzRequest request = generate(seed, i, known);
                    HttpRequest built;
                    try {
                        built = build(baseUrl, request, token, timeout);
                    } catch (IllegalArgumentException e) {
                        unsendable.incrementAndGet();
                        continue;
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = send(http, built, resent);
                        sent.incrementAndGet();
                        slowest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                        if (response.statusCode() >= 500) {
                            serverErrors.incrementAndGet();
                            record(failures, seed, i, request, response.statusCode() + " " + shorten(response.body()));
                        }
                    } catch (HttpTimeoutException e) {
                        sent.incrementAndGet();
                        hangs.incrementAndGet();
                        record(failures, seed, i, request, "no answer within " + timeout.toSeconds() + " s");
                    } catch (IOException e) {
                        sent.incrementAndGet();
                        dropped.incrementAndGet();
                        record(failures, seed, i, request, "connection closed without an answer, twice ("
                                + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "fuzz-" + w);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        Map<Integer, Long> counted = new TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.get()));
        return new Result(sent.get(), unsendable.get(), counted, serverErrors.get(), hangs.get(), dropped.get(),
                resent.get(), List.copyOf(failures),
                Duration.ofNanos(System.nanoTime() - started), slowest.get());
    }

    /**
     * Sends a request; when the connection breaks before an answer, sends it once more on a new
     * connection: a pooled connection the server had just closed is the client's bad luck, not the
     * server's fault, while a request that breaks the connection twice is a finding.
     */
    public static HttpResponse<String> send(HttpClient http, HttpRequest request, AtomicLong resent)
            throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw e;
        } catch (IOException e) {
            resent.incrementAndGet();
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Request {@code index} of {@code seed}. */
    public static RequestFuzzer.FuzzRequest generate(long seed, long index, RequestFuzzer.Known known) {
        return new RequestFuzzer(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index), known).next();
    }

    /** The HTTP request; IllegalArgumentException when the client cannot send it. */
    public static HttpRequest build(String baseUrl, RequestFuzzer.FuzzRequest request, Supplier<String> token,
                                    Duration timeout) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(request.path())) {
            throw new IllegalArgumentException("the path is not ASCII");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path())).timeout(timeout)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        String authorization = RequestFuzzer.FuzzRequest.VALID.equals(request.authorization())
                ? "Bearer " + token.get() : request.authorization();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private static void record(List<String> failures, long seed, int index, RequestFuzzer.FuzzRequest request,
                               String what) {
        if (failures.size() < 20) {
            failures.add(what + " for request " + index + " of seed " + seed + ": " + request.describe());
        }
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
