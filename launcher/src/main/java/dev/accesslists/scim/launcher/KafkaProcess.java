package dev.accesslists.scim.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker in a child JVM ({@code kafka.Kafka server.properties}), with
 * its data in a folder that survives restarts. The storage is formatted once; the cluster id is
 * kept beside it.
 */
final class KafkaProcess implements AutoCloseable {
    private final Process process;
    private final String bootstrapServers;

    private KafkaProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static KafkaProcess start(Path dir, int brokerPort, int controllerPort) {
        for (int port : new int[] {brokerPort, controllerPort}) {
            if (inUse(port)) {
                throw new IllegalStateException("port " + port + " is in use: is another pipeline running? Choose"
                        + " other ports (--kafka-port, --kafka-controller-port) or use --bootstrap-servers");
            }
        }
        try {
            Files.createDirectories(dir);
            Path logDir = dir.resolve("logs");
            Path clusterIdFile = dir.resolve("cluster.id");
            if (!Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
            }
            InProcessKafka.format(logDir, Files.readString(clusterIdFile).trim());
            Properties props = BrokerConfig.singleNode(logDir, brokerPort, controllerPort);
            Path config = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "single-node KRaft broker of the local pipeline");
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx1g", "-Xms256m",
                    "-cp", System.getProperty("java.class.path"),
                    "kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
                    .start();
            KafkaProcess kafka = new KafkaProcess(process, "localhost:" + brokerPort);
            kafka.awaitReady(Duration.ofSeconds(90));
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Kafka broker; see " + dir.resolve("broker.log"), e);
        }
    }

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean inUse(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.bind(new java.net.InetSocketAddress("localhost", port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // wait for the listener first, so the client does not log a warning per failed connect
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        while (System.nanoTime() < deadline && !listening(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited with code " + process.exitValue());
            }
            Thread.sleep(100);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited with code " + process.exitValue());
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    Thread.sleep(200);
                }
            }
        }
        throw new IllegalStateException("the broker did not answer within " + timeout.toSeconds() + " s");
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Controlled shutdown (SIGTERM), then force after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
