package dev.accesslists.scim.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
public final class KafkaProcess implements AutoCloseable {
    static final String PID_FILE = "broker.pid";
    /** A system property on the broker's command line naming its data folder. */
    private static final String MARKER = "-Dpipeline.broker.data=";
    private final Process process;
    private final String bootstrapServers;

    private final Path dir;

    private KafkaProcess(Process process, String bootstrapServers, Path dir) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.dir = dir;
    }

    public static KafkaProcess start(Path dir, int brokerPort, int controllerPort) {
        stopLeftover(dir);
        for (int port : new int[] {brokerPort, controllerPort}) {
            if (inUse(port)) {
                throw new UserError("port " + port + " is in use by another program: choose other ports"
                        + " (--kafka-port, --kafka-controller-port) or use --bootstrap-servers");
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
            // the class path goes through the environment: the command line stays short enough for
            // the operating system to show whole, which is how a leftover broker is recognised
            ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx1g", "-Xms256m",
                    MARKER + dir.toAbsolutePath(), ChildMain.class.getName(),
                    Long.toString(ProcessHandle.current().pid()), "kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()));
            builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
            Process process = builder.start();
            Files.writeString(dir.resolve(PID_FILE), Long.toString(process.pid()));
            KafkaProcess kafka = new KafkaProcess(process, "localhost:" + brokerPort, dir);
            kafka.awaitReady(Duration.ofSeconds(90));
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UserError e) {
            throw e;
        } catch (Exception e) {
            throw new UserError("the Kafka broker did not start (" + e.getMessage() + "); see "
                    + dir.resolve("broker.log"));
        }
    }

    /**
     * A broker started from this data folder by a launcher that is gone (its watchdog normally
     * stops it within a second; a launcher killed while starting it may leave one) is stopped.
     */
    private static void stopLeftover(Path dir) {
        Path pidFile = dir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> leftover = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(MARKER + dir.toAbsolutePath()))
                            .orElse(false));
            if (leftover.isPresent()) {
                System.out.println("stopping the Kafka broker left running by an earlier run (pid " + pid + ")");
                leftover.get().destroy();
                try {
                    leftover.get().onExit().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    leftover.get().destroyForcibly();
                    leftover.get().onExit().get(10, TimeUnit.SECONDS);
                }
            }
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            // an unreadable or stale pid file: nothing of ours to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    public String bootstrapServers() {
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
            Files.deleteIfExists(dir.resolve(PID_FILE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException e) {
            // the pid file names a dead process; the next start ignores it
        }
    }

    /** Kills the broker at once (SIGKILL), as a crash would; for crash drills. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }
}
