package dev.accesslists.scim.launcher;

import dev.accesslists.scim.launcher.drill.CrashDrill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pipeline crash-drill}: the long crash drill, printing its figures. */
@Command(name = "crash-drill", mixinStandardHelpOptions = true,
        description = "Run the pipeline as separate processes under a mixed SCIM load, kill -9 the broker,"
                + " membership-streams and ingest-service at random moments, then check that no acknowledged"
                + " write was lost and that downstream saw every membership change exactly once."
                + " Uses free ports and a data folder of its own; a running pipeline is not touched.")
final class CrashDrillCommand implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "10", description = "How long the load runs (default: ${DEFAULT-VALUE}).")
    double minutes;
    @Option(names = "--kill-every", defaultValue = "20",
            description = "Mean seconds between two kills (default: ${DEFAULT-VALUE}).")
    double killEvery;
    @Option(names = "--integrations", defaultValue = "3", description = "Integrations sending load (default: ${DEFAULT-VALUE}).")
    int integrations;
    @Option(names = "--workers", defaultValue = "2",
            description = "Concurrent clients per integration (default: ${DEFAULT-VALUE}).")
    int workers;
    @Option(names = "--seed", description = "Makes the load and kill schedule repeatable (default: random).")
    Long seed;
    @Option(names = "--keep", description = "Keep the drill's data folder and logs.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        long actualSeed = seed == null ? System.nanoTime() : seed;
        Path dir = Files.createTempDirectory("crash-drill-");
        System.out.printf("crash drill: %.1f min, a kill every ~%.0f s, %d integrations x %d clients, seed %d%n",
                minutes, killEvery, integrations, workers, actualSeed);
        CrashDrill.Report report;
        try {
            report = CrashDrill.run(new CrashDrill.Options(Duration.ofMillis((long) (minutes * 60_000)), integrations,
                    workers, Duration.ofMillis((long) (killEvery * 1000)), actualSeed, dir), System.out);
        } finally {
            if (keep) {
                System.out.println("data and logs kept in " + dir);
            } else {
                deleteRecursively(dir);
            }
        }
        report.print(System.out);
        return report.passed() ? 0 : 1;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
