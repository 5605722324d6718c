package dev.accesslists.scim.launcher.drill;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The crash drill: the pipeline as separate processes under a mixed SCIM load from several
 * integrations, while the broker, membership-streams and ingest-service are killed with
 * {@code SIGKILL} at random moments and started again. Afterwards every acknowledged write must be
 * readable, no request may have hit a conflict its own earlier attempt caused, and the membership
 * changes a downstream consumer saw must equal those of a replay of the command log.
 */
public final class CrashDrill {
    /** The scim Access List the drill's groups link to. */
    static final AccessList LIST = new AccessList(AccessList.KIND, AccessList.VERSION,
            new AccessList.Metadata("drill-requesters", "crash drill", null),
            new AccessList.Spec("GroupRequester", null, AccessList.TYPE_SCIM,
                    new AccessList.Grants(List.of("requester"), Map.of()),
                    List.of(new AccessList.Owner("admin", null)), null, null, null));

    /**
     * @param duration how long the load runs while parts are killed
     * @param integrations how many integrations (directories) send load
     * @param workersPerIntegration concurrent clients per integration
     * @param meanKillInterval mean time between two kills
     * @param seed makes the load and the kill schedule repeatable
     * @param dir where the cluster keeps its data and logs
     */
    public record Options(Duration duration, int integrations, int workersPerIntegration, Duration meanKillInterval,
                          long seed, Path dir) {
    }

    /** What the drill found. */
    public record Report(Duration took, Map<Cluster.Part, Integer> kills, List<Long> recoveryMillis, long acknowledged,
                         long retries, int users, List<String> lost, List<String> problems,
                         ReplayCheck.Result replay, ReplayCheck.Result grants) {
        public boolean passed() {
            return lost.isEmpty() && problems.isEmpty() && replay.equal() && grants.equal();
        }

        public int totalKills() {
            return kills.values().stream().mapToInt(Integer::intValue).sum();
        }

        public void print(PrintStream out) {
            out.printf("crash drill: %s in %d s%n", passed() ? "PASSED" : "FAILED", took.toSeconds());
            out.printf("  kills survived:          %d (broker %d, membership-streams %d, ingest-service %d)%n",
                    totalKills(), kills.get(Cluster.Part.BROKER), kills.get(Cluster.Part.STREAMS),
                    kills.get(Cluster.Part.INGEST));
            if (!recoveryMillis.isEmpty()) {
                List<Long> sorted = new ArrayList<>(recoveryMillis);
                Collections.sort(sorted);
                out.printf("  back to ready after kill: median %d ms, max %d ms%n", sorted.get(sorted.size() / 2),
                        sorted.get(sorted.size() - 1));
            }
            out.printf("  users provisioned:       %d%n", users);
            out.printf("  writes acknowledged:     %d (requests repeated after no definite answer: %d)%n",
                    acknowledged, retries);
            out.printf("  acknowledged but lost:   %d%n", lost.size());
            out.printf("  conflicts / errors:      %d%n", problems.size());
            out.printf("  membership changes:      %d on the topic, %d in a replay of the command log;"
                    + " duplicates %d, gaps %d%n", replay.live(), replay.replayed(), replay.duplicates(), replay.gaps());
            out.printf("  effective-grants records: %d on the topic, %d in the replay; duplicates %d, gaps %d%n",
                    grants.live(), grants.replayed(), grants.duplicates(), grants.gaps());
            lost.stream().limit(10).forEach(l -> out.println("    lost: " + l));
            problems.stream().limit(10).forEach(p -> out.println("    problem: " + p));
            if (!replay.equal()) {
                out.println("    first difference: " + replay.firstDifference());
            }
            if (!grants.equal()) {
                out.println("    first difference of the grants: " + grants.firstDifference());
            }
        }
    }

    private CrashDrill() {
    }

    public static Report run(Options options, PrintStream progress) throws Exception {
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(options.seed());
        Map<Cluster.Part, Integer> kills = new EnumMap<>(Cluster.Part.class);
        for (Cluster.Part part : Cluster.Part.values()) {
            kills.put(part, 0);
        }
        List<Long> recovery = new ArrayList<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        progress.println("starting broker, token-service, membership-streams and ingest-service as separate processes"
                + " in " + options.dir());
        try (Cluster cluster = Cluster.start(options.dir(), List.of(LIST))) {
            List<Workload> workloads = new ArrayList<>();
            for (int i = 0; i < options.integrations(); i++) {
                JsonNode credentials = cluster.admin().createRegistering("drill-" + i, "okta");
                ScimCalls setup = calls(cluster, credentials, retries);
                String group = setup.send("POST", "/Groups", "{\"displayName\":\"GroupRequester\"}").body()
                        .get("id").asText();
                for (int w = 0; w < options.workersPerIntegration(); w++) {
                    workloads.add(new Workload(calls(cluster, credentials, retries), group, "i" + i + "w" + w,
                            random.nextLong(), acknowledged, problems));
                }
            }
            List<Thread> threads = workloads.stream().map(w -> new Thread(w, "drill-load")).toList();
            threads.forEach(Thread::start);
            long loadStarted = System.nanoTime();
            long end = loadStarted + options.duration().toNanos();
            // every part in turn, in a random order each round, so a short drill kills each of them
            List<Cluster.Part> order = new ArrayList<>();
            while (true) {
                long wait = (long) (options.meanKillInterval().toMillis() * (0.5 + random.nextDouble()));
                // the drill goes on past its duration until every part was killed once: recoveries
                // on a loaded machine can take most of a short drill
                if (System.nanoTime() + wait * 1_000_000 > end && kills.values().stream().allMatch(k -> k > 0)) {
                    break;
                }
                Thread.sleep(wait);
                if (order.isEmpty()) {
                    order.addAll(List.of(Cluster.Part.values()));
                    for (int i = order.size() - 1; i > 0; i--) {
                        Collections.swap(order, i, random.nextInt(i + 1));
                    }
                }
                Cluster.Part part = order.remove(0);
                long at = (System.nanoTime() - loadStarted) / 1_000_000_000;
                cluster.kill(part);
                long killed = System.nanoTime();
                Thread.sleep(random.nextInt(1000));
                cluster.restart(part);
                cluster.awaitReady();
                long back = (System.nanoTime() - killed) / 1_000_000;
                kills.merge(part, 1, Integer::sum);
                recovery.add(back);
                progress.printf("  t+%3d s  kill -9 %-8s ready again after %5d ms   (%d writes acknowledged so far)%n",
                        at, part, back, acknowledged.get());
            }
            long rest = end - System.nanoTime();
            if (rest > 0) {
                Thread.sleep(rest / 1_000_000);
            }
            progress.println("load stops; waiting for the last requests, then checking");
            workloads.forEach(Workload::stop);
            for (Thread thread : threads) {
                thread.join(Duration.ofMinutes(3).toMillis());
            }
            cluster.awaitReady();
            List<String> lost = new ArrayList<>();
            int users = 0;
            for (Workload workload : workloads) {
                lost.addAll(workload.verify());
                users += workload.expected().size();
            }
            ReplayCheck.Results replay = ReplayCheck.run(cluster.bootstrapServers());
            return new Report(Duration.ofNanos(System.nanoTime() - started), kills, recovery, acknowledged.get(),
                    retries.get(), users, lost, List.copyOf(problems), replay.membership(), replay.grants());
        }
    }

    private static ScimCalls calls(Cluster cluster, JsonNode credentials, AtomicLong retries) {
        return new ScimCalls(cluster.settings().scimBaseUrl(), cluster.settings().tokenIssuer() + "/oauth2/token",
                credentials.get("clientId").asText(), credentials.get("clientSecret").asText(), Duration.ofMinutes(2),
                retries);
    }
}
