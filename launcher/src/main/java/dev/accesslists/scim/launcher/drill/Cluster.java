package dev.accesslists.scim.launcher.drill;

import dev.accesslists.scim.launcher.AccessListPublisher;
import dev.accesslists.scim.launcher.AdminApi;
import dev.accesslists.scim.launcher.InProcessKafka;
import dev.accesslists.scim.launcher.KafkaProcess;
import dev.accesslists.scim.launcher.LocalStack;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The pipeline as separate processes on this machine: a KRaft broker, token-service,
 * membership-streams and ingest-service, each in its own JVM, each of which can be killed and
 * started again on the same ports and data. What crash drills run against.
 */
public final class Cluster implements AutoCloseable {
    /** The parts a drill kills. */
    public enum Part { BROKER, STREAMS, INGEST }

    private static final Duration READY = Duration.ofSeconds(90);

    private final Path dir;
    private final int brokerPort;
    private final int controllerPort;
    private final LocalStack.Settings settings;
    private KafkaProcess broker;
    private final ServiceProcess token;
    private final ServiceProcess streams;
    private final ServiceProcess ingest;

    private Cluster(Path dir, Map<String, String> environment) throws IOException {
        this.dir = dir;
        this.brokerPort = InProcessKafka.freePort();
        this.controllerPort = InProcessKafka.freePort();
        Map<String, String> merged = new java.util.HashMap<>(Map.of(
                // no rate limit: the drill is the only client
                "SCIM_RATE_LIMIT_PER_SECOND", "0"));
        merged.putAll(environment);
        this.settings = new LocalStack.Settings("localhost:" + brokerPort, dir, "localhost", InProcessKafka.freePort(),
                InProcessKafka.freePort(), InProcessKafka.freePort(), Map.copyOf(merged));
        Map<String, String> env = LocalStack.environment(settings);
        Files.createDirectories(dir.resolve("logs"));
        this.token = new ServiceProcess("token-service", "dev.accesslists.scim.token.Main", env,
                URI.create(settings.tokenIssuer() + "/ready"), dir.resolve("logs/token-service.log"));
        this.streams = new ServiceProcess("membership-streams", "dev.accesslists.scim.streams.Main", env,
                URI.create(env.get("STREAMS_QUERY_URL") + "/ready"), dir.resolve("logs/membership-streams.log"));
        this.ingest = new ServiceProcess("ingest-service", "dev.accesslists.scim.ingest.Main", env,
                URI.create("http://localhost:" + settings.ingestPort() + "/ready"), dir.resolve("logs/ingest-service.log"));
    }

    /** Starts every part in {@code dir} and applies the Access Lists. */
    public static Cluster start(Path dir, List<AccessList> lists) throws InterruptedException {
        return start(dir, lists, Map.of());
    }

    /** Starts every part with extra service settings ({@code environment}) in {@code dir}. */
    public static Cluster start(Path dir, List<AccessList> lists, Map<String, String> environment)
            throws InterruptedException {
        try {
            Cluster cluster = new Cluster(dir, environment);
            cluster.broker = KafkaProcess.start(dir.resolve("kafka"), cluster.brokerPort, cluster.controllerPort);
            AccessListPublisher.publish(cluster.bootstrapServers(), lists, dev.accesslists.scim.schemas.Topics
                    .commandPartitions(LocalStack.environment(cluster.settings)));
            cluster.token.start();
            cluster.streams.start();
            cluster.ingest.start();
            cluster.token.awaitReady(READY);
            cluster.streams.awaitReady(READY);
            cluster.ingest.awaitReady(READY);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    public LocalStack.Settings settings() {
        return settings;
    }

    public AdminApi admin() {
        return new AdminApi(settings.tokenIssuer(), LocalStack.adminToken(dir));
    }

    /** {@code kill -9} of one part. */
    public void kill(Part part) throws InterruptedException {
        switch (part) {
            case BROKER -> broker.kill();
            case STREAMS -> streams.kill();
            case INGEST -> ingest.kill();
        }
    }

    /** Starts a killed part again on the same ports and data; returns once it is ready. */
    public void restart(Part part) throws InterruptedException {
        restart(part, true);
    }

    /**
     * Starts a killed part again on the same ports and data; with {@code awaitReady} false, returns
     * as soon as its process runs, so that callers can reach it while it restores its state.
     */
    public void restart(Part part, boolean awaitReady) throws InterruptedException {
        switch (part) {
            case BROKER -> broker = KafkaProcess.start(dir.resolve("kafka"), brokerPort, controllerPort);
            case STREAMS -> {
                streams.start();
                if (awaitReady) {
                    streams.awaitReady(READY);
                }
            }
            case INGEST -> {
                ingest.start();
                if (awaitReady) {
                    ingest.awaitReady(READY);
                }
            }
        }
    }

    /** Waits until every service answers ready. */
    public void awaitReady() throws InterruptedException {
        token.awaitReady(READY);
        streams.awaitReady(READY);
        ingest.awaitReady(READY);
    }

    @Override
    public void close() {
        ingest.close();
        streams.close();
        token.close();
        if (broker != null) {
            broker.close();
        }
    }
}
