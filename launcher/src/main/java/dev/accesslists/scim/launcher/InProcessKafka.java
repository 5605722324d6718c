package dev.accesslists.scim.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node KRaft broker inside this JVM, on free ports and a fresh folder: what the
 * integration and end-to-end tests run against (about two seconds to start).
 */
public final class InProcessKafka implements AutoCloseable {
    private final Path dir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private InProcessKafka(Path dir, KafkaRaftServer server, String bootstrapServers) {
        this.dir = dir;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    public static InProcessKafka start() {
        try {
            Path dir = Files.createTempDirectory("kafka-kraft-");
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties props = BrokerConfig.singleNode(dir.resolve("logs"), brokerPort, controllerPort);
            format(dir.resolve("logs"), Uuid.randomUuid().toString());
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            return new InProcessKafka(dir, server, "localhost:" + brokerPort);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker", e);
        }
    }

    static void format(Path logDir, String clusterId) throws Exception {
        Files.createDirectories(logDir);
        new Formatter()
                .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .setClusterId(clusterId)
                .setNodeId(1)
                .setControllerListenerName(BrokerConfig.CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                .addDirectory(logDir.toAbsolutePath().toString())
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setIgnoreFormatted(true)
                .run();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
