package dev.accesslists.scim.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.launcher.AdminApi;
import dev.accesslists.scim.schemas.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures a running pipeline on this machine and prints the figures: first the floors (a bare
 * GET on the ingest service's HTTP server, a Kafka {@code acks=all} produce loop), then each
 * scenario with its throughput, latency and its ratio to a floor measured in the same run.
 *
 * <p>It works on integrations of its own, never on a real IdP's directory. The large directory
 * and group are written straight to the command log (the single writer processes them like any
 * other command), because creating a million users over HTTP would take most of the run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = AuditBench.class,
        description = "Measure a running pipeline (on this machine) and print the figures with their floors.")
public final class Bench implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "data", description = "Data folder of the running pipeline (admin token; default: ${DEFAULT-VALUE}).")
    Path dataDir;
    @Option(names = "--token-url", defaultValue = "http://localhost:8081", description = "token-service (default: ${DEFAULT-VALUE}).")
    String tokenService;
    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;
    @Option(names = "--status-url", defaultValue = "http://localhost:8082/status", description = "membership-streams status, for heap figures (default: ${DEFAULT-VALUE}).")
    String statusUrl;
    @Option(names = "--duration", defaultValue = "10", description = "Seconds per scenario (default: ${DEFAULT-VALUE}).")
    int seconds;
    @Option(names = "--connections", defaultValue = "64", description = "Requests in flight in closed-loop scenarios (default: ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--rate", defaultValue = "200", description = "Requests per second of the fixed-rate write scenario (default: ${DEFAULT-VALUE}).")
    int rate;
    @Option(names = "--small", defaultValue = "1000", description = "Users of the small directory (default: ${DEFAULT-VALUE}).")
    int small;
    @Option(names = "--large", defaultValue = "1000000", description = "Users of the large directory and members of its group; 0 skips the large scenarios (default: ${DEFAULT-VALUE}).")
    int large;

    private final List<Load.Result> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Load load;
    private Duration duration;
    private String base;

    @Override
    public Integer call() throws Exception {
        duration = Duration.ofSeconds(seconds);
        String run = Long.toString(System.currentTimeMillis(), 36);
        AdminApi admin = new AdminApi(tokenService, Files.readString(dataDir.resolve("admin-token")).trim());
        try (Load load = new Load(); Seeder seeder = new Seeder(bootstrapServers)) {
            this.load = load;
            Tenant main = Tenant.create(admin, load, tokenService, "bench-" + run);
            Tenant other = Tenant.create(admin, load, tokenService, "bench-other-" + run);
            base = main.baseUrl();
            String host = base.substring(0, base.indexOf("/scim/"));
            System.out.printf("bench %s: %d cores, %d MB max heap here, Java %s, %s%n", run,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    System.getProperty("java.version"), System.getProperty("os.name"));
            System.out.printf("%d s per scenario, %d connections, against %s%n%n", seconds, connections, host);

            // both JVMs compile their hot paths first: the figures are of the steady state
            List<String> warmIds = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                warmIds.add(idOf(load.call(main.post("/Users", user("warm-" + run + "-" + i)))));
            }
            long warmUntil = System.nanoTime() + Duration.ofSeconds(Math.max(0, globalWarmUp)).toNanos();
            while (System.nanoTime() < warmUntil) {
                load.closed("warm-up", connections, Duration.ofSeconds(2), i -> Load.Call.get(host + "/health", null));
                load.closed("warm-up", connections, Duration.ofSeconds(2), i -> main.get("/Users/" + warmIds.get(i % 50)));
                load.closed("warm-up", connections, Duration.ofSeconds(2),
                        i -> main.post("/Users", user("w-" + run + "-" + System.nanoTime() + "-" + i)));
            }

            // floors
            Load.Result healthFloor = report(closed("floor: GET /health (no auth, no Kafka)", connections,
                    duration, i -> Load.Call.get(host + "/health", null)));
            Load.Result produceFloor = report(seeder.produceFloor(connections, duration));

            // writes and reads on a small directory
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ids.add(idOf(load.call(main.post("/Users", user("seed-" + run + "-" + i)))));
            }
            ratio(report(closed("POST /Users", connections, duration,
                    i -> main.post("/Users", user("c-" + run + "-" + i)))), healthFloor);
            report(load.rate("POST /Users at " + rate + "/s (latency from due time)", rate, duration,
                    i -> main.post("/Users", user("r-" + run + "-" + i))));
            bulkVersusRequests(main, run);
            ratio(report(closed("GET /Users/{id}", connections, duration,
                    i -> main.get("/Users/" + ids.get(i % ids.size())))), healthFloor);
            ratio(report(closed("GET /Users?filter=userName eq", connections, duration,
                    i -> main.get("/Users?filter=" + form("userName eq \"seed-" + run + "-" + (i % 200)
                            + "@example.com\"")))), healthFloor);

            // paging, and one-member PATCHes, in a small and a large directory
            Tenant smallDir = Tenant.create(admin, load, tokenService, "bench-small-" + run);
            List<String> smallUsers = seeder.users(smallDir, small + connections + 600);
            smallDir.awaitUsers(small + connections + 600, Duration.ofMinutes(5));
            String smallGroup = seeder.group(smallDir, smallUsers.subList(0, 10));
            smallDir.awaitApplied(smallGroup, Duration.ofMinutes(5));
            Load.Result smallPages = report(closed("GET /Users pages of 100, sequential, " + smallUsers.size()
                    + " users", connections, duration, pages(smallDir, smallUsers.size())));
            Load.Result smallPatch = report(closed("PATCH /Groups add or remove 1 member, group of 10",
                    connections, duration, toggle(smallDir, smallGroup, smallUsers.subList(10, 10 + connections))));

            eventLatency(smallDir, smallGroup, smallUsers.subList(10 + connections, 10 + connections + 500));

            if (large > 0) {
                Tenant largeDir = Tenant.create(admin, load, tokenService, "bench-large-" + run);
                long seeding = System.nanoTime();
                List<String> largeUsers = seeder.users(largeDir, large + connections);
                largeDir.awaitUsers(large + connections, Duration.ofMinutes(60));
                note("seeded %,d users through the command log in %.0f s", large + connections,
                        (System.nanoTime() - seeding) / 1e9);
                seeding = System.nanoTime();
                String largeGroup = seeder.group(largeDir, largeUsers.subList(0, large));
                largeDir.awaitApplied(largeGroup, Duration.ofMinutes(60));
                note("seeded a group of %,d members in %.0f s", large, (System.nanoTime() - seeding) / 1e9);

                Load.Result largePages = report(closed("GET /Users pages of 100, sequential, "
                        + largeUsers.size() + " users", connections, duration, pages(largeDir, largeUsers.size())));
                note("paging: p50 at %,d users is %.2f x p50 at %,d users (goal <= 2)", largeUsers.size(),
                        largePages.p50() / smallPages.p50(), smallUsers.size());
                Load.Result largePatch = report(closed("PATCH /Groups add or remove 1 member, group of "
                                + String.format(Locale.ROOT, "%,d", large), connections, duration,
                        toggle(largeDir, largeGroup, largeUsers.subList(large, large + connections))));
                note("one-member PATCH: p50 at %,d members is %.2f x p50 at 10 (goal <= 1.2)", large,
                        largePatch.p50() / smallPatch.p50(), large);
                largeGroupRead(largeDir, largeGroup);
                largeGroupDelete(largeDir, largeGroup, other);
            }
            printTable(healthFloor, produceFloor);
        }
        return 0;
    }

    /**
     * Each connection walks the pages from the first, as an IdP importing users does; the
     * connections start one page apart, so they do not ask for the same page at the same time.
     */
    private Load.Sequence pages(Tenant tenant, int users) {
        int pages = Math.max(1, users / 100);
        return (connection, n) -> {
            int page = (int) Math.max(0, (n - connection) % pages);
            return tenant.get("/Users?startIndex=" + (page * 100 + 1) + "&count=100");
        };
    }

    /** Connection c adds its own user to the group, then removes it, and so on: each PATCH changes one member. */
    private Load.Sequence toggle(Tenant tenant, String group, List<String> users) {
        return (connection, n) -> tenant.patch("/Groups/" + group, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:"
                + "2.0:PatchOp\"],\"Operations\":[{\"op\":\"" + (n % 2 == 0 ? "add" : "remove") + "\",\"path\":"
                + "\"members\",\"value\":[{\"value\":\"" + users.get(connection) + "\"}]}]}");
    }

    /**
     * p50 / p99 from a PATCH's 2xx to its membership change, read by a read_committed consumer:
     * 50 PATCHes a second, each adding a different user.
     */
    private void eventLatency(Tenant tenant, String group, List<String> users) throws Exception {
        try (EventWatch watch = new EventWatch(bootstrapServers)) {
            int perSecond = 50;
            int count = Math.min(users.size(), perSecond * seconds);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String user = users.get(i);
                long due = start + i * (1_000_000_000L / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                sent.add(load.send(tenant.patch("/Groups/" + group, "{\"schemas\":[\"urn:ietf:params:scim:api:"
                        + "messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":"
                        + "[{\"value\":\"" + user + "\"}]}]}")).thenAccept(a -> {
                            if (a.ok()) {
                                watch.answered(user, System.nanoTime());
                            }
                        }));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            report(watch.await("ADDED", count, Duration.ofSeconds(60),
                    "PATCH 2xx -> its membership change seen (read_committed), " + perSecond + "/s"));
        }
    }

    private void largeGroupRead(Tenant tenant, String group) throws Exception {
        HeapWatch heap = new HeapWatch(load, statusUrl, "heapUsedBytes");
        HeapWatch old = new HeapWatch(load, statusUrl, "oldGenerationUsedBytes");
        heap.start();
        old.start();
        Load.Answer answer = load.call(tenant.get("/Groups/" + group));
        long peak = heap.stop();
        long oldPeak = old.stop();
        note("GET /Groups/{id} of %,d members: %d, %.1f MB in %.1f s; in the pipeline's JVM the heap in use rose by"
                        + " at most %d MB above %d MB (garbage included), the old generation by %d MB above %d MB",
                large, answer.status(), answer.body().length() / 1e6, answer.nanos() / 1e9,
                Math.max(0, peak - heap.baseline()) >> 20, heap.baseline() >> 20,
                Math.max(0, oldPeak - old.baseline()) >> 20, old.baseline() >> 20);
        Load.Answer excluded = load.call(tenant.get("/Groups/" + group + "?excludedAttributes=members"));
        note("GET /Groups/{id}?excludedAttributes=members of %,d members: %d in %.1f ms", large, excluded.status(),
                excluded.nanos() / 1e6);
    }

    private void largeGroupDelete(Tenant tenant, String group, Tenant other) throws Exception {
        try (EventWatch watch = new EventWatch(bootstrapServers)) {
            CompletableFuture<Load.Result> meanwhile = CompletableFuture.supplyAsync(() -> {
                try {
                    return load.rate("other tenant: POST /Users at 100/s during the DELETE", 100,
                            duration.plusSeconds(seconds), i -> other.post("/Users", user("during-" + i + "-" + group)));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1000);
            long started = System.nanoTime();
            Load.Answer deleted = load.call(tenant.delete("/Groups/" + group));
            note("DELETE /Groups/{id} of %,d members answered %d in %.1f ms", large, deleted.status(),
                    deleted.nanos() / 1e6);
            long all = watch.awaitCount("REMOVED", group, large, Duration.ofMinutes(30));
            note("DELETE: %,d of %,d REMOVED changes seen by a read_committed consumer %.1f s after the request",
                    all, large, (System.nanoTime() - started) / 1e9);
            report(meanwhile.join());
        }
    }

    @Option(names = "--global-warm-up", defaultValue = "30", description = "Seconds of mixed load before the first measurement (default: ${DEFAULT-VALUE}).")
    int globalWarmUp;
    @Option(names = "--warm-up", defaultValue = "3", description = "Seconds of unmeasured load before each closed-loop scenario (default: ${DEFAULT-VALUE}).")
    int warmUp;

    /** A closed-loop scenario, after an unmeasured warm-up of the same load (the JIT compiles both sides). */
    private Load.Result closed(String name, int connections, Duration duration, java.util.function.IntFunction<Load.Call> next)
            throws InterruptedException {
        if (warmUp > 0) {
            load.closed(name, connections, Duration.ofSeconds(warmUp), next);
        }
        return load.closed(name, connections, duration, next);
    }

    private Load.Result closed(String name, int connections, Duration duration, Load.Sequence next)
            throws InterruptedException {
        if (warmUp > 0) {
            load.closed(name, connections, Duration.ofSeconds(warmUp), next);
        }
        return load.closed(name, connections, duration, next);
    }

    /**
     * Creating 1,000 users: as 1,000 POSTs one after another, as 1,000 POSTs with the closed loops'
     * number of requests in flight, and as one POST /Bulk; the median of three runs of each.
     */
    private void bulkVersusRequests(Tenant tenant, String run) throws InterruptedException {
        int n = 1000;
        double[] sequential = new double[3];
        double[] concurrent = new double[3];
        double[] bulk = new double[3];
        for (int r = 0; r < 3; r++) {
            String prefix = "bulk-" + run + "-" + r;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                requireOk(load.call(tenant.post("/Users", user(prefix + "-s-" + i))));
            }
            sequential[r] = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(connections);
            List<CompletableFuture<Load.Answer>> answers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                inFlight.acquire();
                answers.add(load.send(tenant.post("/Users", user(prefix + "-c-" + i)))
                        .whenComplete((a, e) -> inFlight.release()));
            }
            answers.forEach(a -> requireOk(a.join()));
            concurrent[r] = (System.nanoTime() - start) / 1e9;
            StringBuilder body = new StringBuilder("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                    + "\"Operations\":[");
            for (int i = 0; i < n; i++) {
                body.append(i == 0 ? "" : ",").append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u")
                        .append(i).append("\",\"data\":").append(user(prefix + "-b-" + i)).append('}');
            }
            start = System.nanoTime();
            Load.Answer answer = load.call(tenant.post("/Bulk", body.append("]}").toString()));
            bulk[r] = (System.nanoTime() - start) / 1e9;
            requireOk(answer);
            if (answer.body().split("\"status\":\"201\"", -1).length - 1 != n) {
                throw new IllegalStateException("a Bulk of " + n + " creates did not create them all: "
                        + answer.body().substring(0, Math.min(300, answer.body().length())));
            }
        }
        double seq = median(sequential);
        double con = median(concurrent);
        double one = median(bulk);
        System.out.printf(Locale.ROOT, "%-62s %9.2f s   %8.0f users/s%n", "create 1,000 users: 1,000 POSTs one at a time",
                seq, n / seq);
        System.out.printf(Locale.ROOT, "%-62s %9.2f s   %8.0f users/s%n", "create 1,000 users: 1,000 POSTs, "
                + connections + " in flight", con, n / con);
        System.out.printf(Locale.ROOT, "%-62s %9.2f s   %8.0f users/s%n", "create 1,000 users: one POST /Bulk", one,
                n / one);
        note("one POST /Bulk of 1,000 creates: %.2f s, %.1f x faster than 1,000 POSTs one at a time (%.2f s) and "
                + "%.1f x faster than 1,000 POSTs %d in flight (%.2f s); medians of 3", one, seq / one, seq, con / one,
                connections, con);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void requireOk(Load.Answer answer) {
        if (!answer.ok()) {
            throw new IllegalStateException("answered " + answer.status() + ": " + answer.body());
        }
    }

    private Load.Result report(Load.Result result) {
        results.add(result);
        System.out.printf(Locale.ROOT, "%-62s %9s req/s  p50 %8.2f ms  p99 %8.2f ms  max %8.1f ms  failed %d%n",
                result.name(), rate(result), result.p50(), result.p99(), result.max(), result.failures());
        return result;
    }

    /** Requests per second, or "-" for a latency-only figure. */
    private static String rate(Load.Result result) {
        return result.name().contains("2xx ->") ? "-" : String.format(Locale.ROOT, "%.0f", result.perSecond());
    }

    private void ratio(Load.Result result, Load.Result floor) {
        note("%s: %.2f x the GET /health floor (%.0f / %.0f req/s)", result.name(), result.perSecond()
                / floor.perSecond(), result.perSecond(), floor.perSecond());
    }

    private void note(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        notes.add(line);
        System.out.println("  " + line);
    }

    private void printTable(Load.Result health, Load.Result produce) {
        System.out.println();
        System.out.println("| scenario | req/s | p50 ms | p99 ms | vs GET /health floor |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Load.Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s |%n", r.name(), rate(r), r.p50(),
                    r.p99(), r.name().contains("2xx ->") ? "-"
                            : String.format(Locale.ROOT, "%.2f", r.perSecond() / health.perSecond()));
        }
        System.out.println();
        notes.forEach(n -> System.out.println("- " + n));
        System.out.printf(Locale.ROOT, "- floors in this run: GET /health %.0f req/s, Kafka acks=all produce %.0f records/s%n",
                health.perSecond(), produce.perSecond());
    }

    static String user(String userName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                + "@example.com\",\"active\":true}";
    }

    private static String idOf(Load.Answer answer) {
        try {
            JsonNode body = Json.mapper().readTree(answer.body());
            if (!answer.ok()) {
                throw new IllegalStateException("setup request answered " + answer.status() + ": " + body);
            }
            return body.get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer", e);
        }
    }

    static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A heap sampler of the pipeline's JVM, through membership-streams' status. */
    private static final class HeapWatch {
        private final Load load;
        private final String url;
        private final String field;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private long baseline;
        private Thread thread;

        HeapWatch(Load load, String url, String field) {
            this.load = load;
            this.url = url;
            this.field = field;
        }

        void start() {
            baseline = sample();
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(sample(), Math::max);
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                }
            }, "bench-heap-watch");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }

        long baseline() {
            return baseline;
        }

        private long sample() {
            try {
                return Json.mapper().readTree(load.call(Load.Call.get(url, null)).body()).path(field).asLong();
            } catch (IOException e) {
                return 0;
            }
        }
    }
}
