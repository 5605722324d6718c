package dev.accesslists.scim.launcher;

import dev.accesslists.scim.schemas.DeadLetters;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.accesslist.AccessListFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The project's command line: {@code up}, {@code apply}, {@code watch}. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "SCIM 2.0 to Access List membership pipeline on Kafka.",
        subcommands = {Cli.Up.class, Cli.Apply.class, Cli.Watch.class, IntegrationsCommand.class, ConnectorsCommand.class,
                AccessListsCommand.class, dev.accesslists.scim.launcher.audit.AuditCommand.class,
                dev.accesslists.scim.launcher.bench.Bench.class,
                CrashDrillCommand.class, FuzzCommand.class, CommandLine.HelpCommand.class},
        defaultValueProvider = Cli.ConfigFile.class)
public final class Cli {

    public static void main(String[] args) {
        dev.accesslists.scim.schemas.runtime.JvmDefaults.apply();
        if (args.length > 0 && !args[0].equals("up")) {
            // The small tools print records or problems, not client chatter.
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        }
        int code = commandLine().execute(args.length == 0 ? new String[] {"up"} : args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * The command line with its error handling: a mistake (an unknown option, a missing file, a
     * port in use) is one line on standard error and exit code 2 (usage) or 1, never a stack trace
     * (set {@code PIPELINE_DEBUG=1} to see one).
     */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Cli());
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("pipeline: " + e.getMessage() + " (see 'pipeline "
                    + (command.getParent() == null ? "" : command.getCommandName() + " ") + "--help')");
            return 2;
        });
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("pipeline: " + describe(e));
            if (System.getenv("PIPELINE_DEBUG") != null) {
                e.printStackTrace(command.getErr());
            }
            return 1;
        });
        return line;
    }

    /** A failure in a few words: the user's mistake as it was said, or the chain of causes. */
    static String describe(Throwable failure) {
        if (failure instanceof UserError || failure instanceof AdminApi.AdminApiException) {
            return failure.getMessage();
        }
        if (failure instanceof AccessListFiles.InvalidAccessListsException invalid) {
            return "the Access List file is not valid: " + String.join("; ", invalid.problems());
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t instanceof java.nio.file.NoSuchFileException ? "no such file: " + t.getMessage()
                    : t.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.length() == 0 ? failure.getClass().getSimpleName() : text.toString();
    }

    /** Option defaults from {@code config/pipeline.properties}, keyed by long option name without dashes. */
    public static final class ConfigFile implements CommandLine.IDefaultValueProvider {
        private final Properties properties = new Properties();

        public ConfigFile() {
            Path file = Path.of(System.getProperty("pipeline.config", "config/pipeline.properties"));
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(in);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + file, e);
                }
            }
        }

        @Override
        public String defaultValue(CommandLine.Model.ArgSpec arg) {
            if (arg instanceof CommandLine.Model.OptionSpec option) {
                return properties.getProperty(option.longestName().replaceFirst("^--", ""));
            }
            return null;
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start a Kafka broker (unless --bootstrap-servers is given), token-service,"
            + " membership-streams and ingest-service; apply the Access Lists; print the SCIM credentials.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = "data", description = "Where all state lives (default: ${DEFAULT-VALUE}).")
        Path dataDir;
        @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of starting one.")
        String bootstrapServers;
        @Option(names = "--kafka-port", defaultValue = "9092", description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
        int kafkaPort;
        @Option(names = "--kafka-controller-port", defaultValue = "9093",
                description = "Controller port of the embedded broker (default: ${DEFAULT-VALUE}).")
        int controllerPort;
        @Option(names = "--ingest-port", defaultValue = "8080", description = "Port of the SCIM API (default: ${DEFAULT-VALUE}).")
        int ingestPort;
        @Option(names = "--token-port", defaultValue = "8081",
                description = "Port of the token service and admin API (default: ${DEFAULT-VALUE}).")
        int tokenPort;
        @Option(names = "--query-port", defaultValue = "8082",
                description = "Port of the internal query API, on the loopback interface (default: ${DEFAULT-VALUE}).")
        int queryPort;
        @Option(names = "--host", defaultValue = "localhost",
                description = "Host name in the URLs handed to IdPs (default: ${DEFAULT-VALUE}).")
        String host;
        @Option(names = "--access-lists", defaultValue = "examples/access-lists.yaml",
                description = "Access List file applied at start (default: ${DEFAULT-VALUE}).")
        Path accessLists;
        @Option(names = "--saml-connector", defaultValue = "okta",
                description = "SAML connector the integration is bound to (default: ${DEFAULT-VALUE}).")
        String samlConnector;
        @Option(names = "--integration-name", defaultValue = "default",
                description = "Name of the integration created or reused at start (default: ${DEFAULT-VALUE}).")
        String integrationName;
        @Option(names = "--rotate-secret", description = "Issue a new client secret for an existing integration.")
        boolean rotateSecret;
        @Option(names = "--rate-limit", description = "SCIM requests per second allowed per integration"
                + " (default: " + dev.accesslists.scim.ingest.IngestSettings.DEFAULT_RATE_LIMIT_PER_SECOND
                + "; 0 turns the limit off).")
        Long rateLimit;
        @Option(names = "--stream-threads", description = "Stream threads of membership-streams (default: 1);"
                + " each processes some of the command log's partitions.")
        Integer streamThreads;
        @Option(names = "--command-partitions", description = "Partitions of the command log when it is created"
                + " (default: 3); fixed afterwards, since each directory lives on one partition.")
        Integer commandPartitions;
        @Option(names = "--commit-interval-ms", description = "How often membership-streams commits (default: 100):"
                + " how soon read_committed consumers see changes; writes are answered before it.")
        Long commitIntervalMs;

        @Override
        public Integer call() throws Exception {
            long started = System.nanoTime();
            if (!java.nio.file.Files.isRegularFile(accessLists)) {
                throw new UserError("the Access List file " + accessLists + " does not exist (--access-lists)");
            }
            List<AccessList> lists = AccessListFiles.read(accessLists);
            DataFolderLock lock = DataFolderLock.acquire(dataDir);
            for (int port : new int[] {ingestPort, tokenPort, queryPort}) {
                Ports.requireFree(port, "--ingest-port, --token-port, --query-port");
            }
            // One hook, registered before anything starts: the services stop first (Streams leaves its
            // group cleanly), then the broker, also when start-up is interrupted.
            AtomicReference<KafkaProcess> kafka = new AtomicReference<>();
            AtomicReference<LocalStack> running = new AtomicReference<>();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("\nstopping...");
                Optional.ofNullable(running.get()).ifPresent(LocalStack::close);
                Optional.ofNullable(kafka.get()).ifPresent(KafkaProcess::close);
                stopped.countDown();
            }, "pipeline-shutdown"));
            if (bootstrapServers == null) {
                kafka.set(KafkaProcess.start(dataDir.resolve("kafka"), kafkaPort, controllerPort));
            }
            String bootstrap = kafka.get() == null ? bootstrapServers : kafka.get().bootstrapServers();
            LocalStack.Settings settings = new LocalStack.Settings(bootstrap, dataDir, host, ingestPort, tokenPort,
                    queryPort);
            if (rateLimit != null) {
                settings = settings.with(Map.of("SCIM_RATE_LIMIT_PER_SECOND", rateLimit.toString(),
                        "SCIM_RATE_LIMIT_BURST", Long.toString(Math.max(1, rateLimit * 2))));
            }
            Map<String, String> scale = new java.util.HashMap<>();
            Optional.ofNullable(streamThreads).ifPresent(v -> scale.put("STREAMS_THREADS", v.toString()));
            Optional.ofNullable(commandPartitions).ifPresent(v -> scale.put("COMMAND_PARTITIONS", v.toString()));
            Optional.ofNullable(commitIntervalMs).ifPresent(v -> scale.put("STREAMS_COMMIT_INTERVAL_MS", v.toString()));
            settings = settings.with(scale);
            LocalStack stack = LocalStack.start(settings);
            running.set(stack);
            stack.applyChanged(accessLists, false);
            LocalStack.Credentials credentials = stack.ensureIntegration(integrationName, samlConnector, rotateSecret);
            print(credentials, bootstrap, lists, stack.consoleUrl(), stack.metricsUrls(),
                    Duration.ofNanos(System.nanoTime() - started));
            stopped.await();
            lock.close();
            return 0;
        }

        private void print(LocalStack.Credentials c, String bootstrap, List<AccessList> lists, String console,
                           Map<String, String> metrics, Duration took) {
            System.out.println();
            System.out.println("SCIM integration (SAML connector: " + c.samlConnector() + ")");
            System.out.println("  Client ID:      " + c.clientId());
            System.out.println("  Client Secret:  " + c.clientSecret().orElse(
                    "(shown only when it was issued; run with --rotate-secret for a new one)"));
            System.out.println("  SCIM Base URL:  " + c.scimBaseUrl());
            System.out.println("  Token URL:      " + c.tokenUrl());
            System.out.println();
            System.out.println("Kafka: " + bootstrap + "   Access Lists applied: "
                    + lists.stream().map(l -> l.spec().title() + " (" + l.spec().type() + ")").toList());
            System.out.println("Console: " + console + "   (sign in with the admin token in "
                    + dataDir.resolve("admin-token") + ")");
            System.out.println("Metrics: " + String.join("  ", metrics.values()));
            System.out.println("Ready in " + took.toMillis() + " ms. Ctrl-C stops everything.");
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Validate an Access List file and apply it to the running pipeline through the admin API:"
                    + " only the lists that changed are written; --prune also deletes the lists that left the file.")
    static final class Apply implements Callable<Integer> {
        @Option(names = {"-f", "--file"}, required = true, description = "The Access List file (YAML, one list per document).")
        Path file;
        @Option(names = "--prune", description = "Delete the Access Lists that are not in the file.")
        boolean prune;
        @picocli.CommandLine.Mixin
        IntegrationsCommand.Target target;

        @Override
        public Integer call() throws java.io.IOException {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new UserError("the Access List file " + file + " does not exist");
            }
            try {
                AccessListFiles.read(file);
            } catch (AccessListFiles.InvalidAccessListsException e) {
                System.err.println(file + " is not valid:");
                e.problems().forEach(p -> System.err.println("  - " + p));
                return 2;
            }
            printApplied(target.api().applyAccessLists(java.nio.file.Files.readString(file), prune));
            return 0;
        }
    }

    static void printApplied(com.fasterxml.jackson.databind.JsonNode result) {
        for (String what : List.of("created", "updated", "unchanged", "deleted")) {
            for (com.fasterxml.jackson.databind.JsonNode name : result.path(what)) {
                System.out.println(what + " access_list " + name.asText());
            }
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Print the records of a topic as lines: key, tab, value (and, on the dead-letter topic, why).")
    static final class Watch implements Callable<Integer> {
        @Option(names = "--topic", defaultValue = "accesslist.membership.v1", description = "Topic (default: ${DEFAULT-VALUE}).")
        String topic;
        @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE}).")
        String bootstrapServers;
        @Option(names = "--from-end", description = "Only records written from now on.")
        boolean fromEnd;
        @Option(names = "--exit-after-ms", description = "Stop after this long without a record.")
        Long exitAfterMs;

        @Override
        public Integer call() {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions;
                try {
                    partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                            .map(p -> new TopicPartition(topic, p.partition())).toList();
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    System.err.println("no answer from Kafka at " + bootstrapServers + " within 15 s: is the pipeline"
                            + " running? (--bootstrap-servers to point elsewhere)");
                    return 1;
                }
                if (partitions.isEmpty()) {
                    System.err.println("topic " + topic + " does not exist yet");
                    return 1;
                }
                consumer.assign(partitions);
                if (fromEnd) {
                    consumer.seekToEnd(partitions);
                } else {
                    consumer.seekToBeginning(partitions);
                }
                long idleSince = System.nanoTime();
                while (exitAfterMs == null || System.nanoTime() - idleSince < exitAfterMs * 1_000_000) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                        String reason = DeadLetters.text(record.headers(), DeadLetters.REASON);
                        System.out.println(record.key() + "\t" + record.value() + (reason == null ? ""
                                : "\t[" + reason + " from " + DeadLetters.text(record.headers(), DeadLetters.SOURCE_TOPIC)
                                + "-" + DeadLetters.text(record.headers(), DeadLetters.SOURCE_PARTITION) + "@"
                                + DeadLetters.text(record.headers(), DeadLetters.SOURCE_OFFSET) + ": "
                                + DeadLetters.text(record.headers(), DeadLetters.ERROR) + "]"));
                        idleSince = System.nanoTime();
                    }
                }
            }
            return 0;
        }
    }
}
