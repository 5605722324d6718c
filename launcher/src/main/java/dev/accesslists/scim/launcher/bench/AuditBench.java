package dev.accesslists.scim.launcher.bench;

import dev.accesslists.scim.launcher.audit.Audit;
import dev.accesslists.scim.launcher.audit.LogReader;
import dev.accesslists.scim.launcher.audit.Progress;
import dev.accesslists.scim.launcher.audit.Stop;
import dev.accesslists.scim.launcher.audit.Table;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.schemas.event.MembershipChange.ChangeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the audit replay: writes a synthetic membership log of known size to a topic of its
 * own (never the pipeline's), then times the audit questions over it, each next to the floor of
 * the same run: reading the same records without looking at them.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Measure the audit replay over a synthetic membership log (default 1,000,000 changes) and print"
                + " records/s and seconds per question, next to the floor of a bare read.")
public final class AuditBench implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;
    @Option(names = "--events", defaultValue = "1000000", description = "Membership changes to write (default: ${DEFAULT-VALUE}).")
    int events;
    @Option(names = "--lists", defaultValue = "1000", description = "Access Lists they spread over (default: ${DEFAULT-VALUE}).")
    int lists;
    @Option(names = "--users", defaultValue = "20000", description = "Users per integration (default: ${DEFAULT-VALUE}).")
    int users;
    @Option(names = "--integrations", defaultValue = "3", description = "Integrations (default: ${DEFAULT-VALUE}).")
    int integrations;
    @Option(names = "--runs", defaultValue = "5", description = "Runs of each measurement; the median is printed (default: ${DEFAULT-VALUE}).")
    int runs;
    @Option(names = "--keep", description = "Keep the benchmark's topic afterwards.")
    boolean keep;

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Integer call() throws Exception {
        String topic = "bench.audit.membership." + System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(Topics.MEMBERSHIP.partitions()), Optional.empty())
                    // as the membership topic: kept forever (its records carry times in the past)
                    .configs(Topics.MEMBERSHIP.configs())))
                    .all().get(30, TimeUnit.SECONDS);
            try {
                long bytes = write(topic);
                System.out.printf("wrote %,d membership changes (%,d lists, %d integrations x %,d users, %.0f MB) to %s%n",
                        events, lists, integrations, users, bytes / 1e6, topic);
                measure(topic, bytes);
            } finally {
                if (!keep) {
                    admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                }
            }
        }
        return 0;
    }

    /** A log a real directory could write: each membership goes ADDED, then SUSPENDED/RESTORED/UPDATED, REMOVED, ADDED... */
    private long write(String topic) throws Exception {
        Serializer<MembershipChange> values = Topics.MEMBERSHIP.valueSerde().serializer();
        List<MembershipChange.ListRef> refs = new ArrayList<>();
        for (int i = 0; i < lists; i++) {
            refs.add(new MembershipChange.ListRef("bench-list-" + i, "Bench List " + i, AccessList.TYPE_SCIM,
                    new AccessList.Grants(List.of("role-" + i, "access"), Map.of("logins", List.of("login-" + (i % 10))))));
        }
        long bytes = 0;
        byte[][] state = new byte[lists][];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                int list = i % lists;
                if (state[list] == null) {
                    state[list] = new byte[perList()];
                }
                // the list's k-th change: membership k % perList, moving through its phases in turn
                int membership = (i / lists) % perList();
                long slot = slot(list, membership);
                int integration = (int) (slot % integrations);
                String userId = "user-" + (slot / integrations);
                byte phase = state[list][membership];
                ChangeKind kind = switch (phase) {
                    case 0 -> ChangeKind.ADDED;
                    case 1 -> ChangeKind.SUSPENDED;
                    case 2 -> ChangeKind.RESTORED;
                    case 3 -> ChangeKind.UPDATED;
                    default -> ChangeKind.REMOVED;
                };
                state[list][membership] = (byte) (phase >= 4 ? 0 : phase + 1);
                Instant at = START.plusMillis(i);
                MembershipChange change = new MembershipChange(refs.get(list), userId, userId + "@example.com", kind,
                        "group-" + list, new Cause("bench-" + i, "bench-integration-" + integration,
                        "bench-integration-" + integration, at), kind == ChangeKind.UPDATED ? userId + "@old.example.com"
                        : null);
                byte[] value = values.serialize(topic, change);
                bytes += value.length;
                producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(),
                        refs.get(list).title().getBytes(java.nio.charset.StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
        return bytes;
    }

    /** Memberships per list: each goes through its five phases about once. */
    private int perList() {
        return Math.max(1, events / lists / 5);
    }

    /** Which user (slot = user * integrations + integration) holds a list's membership: spread over all users. */
    private long slot(int list, int membership) {
        return (membership * 7919L + list * 104729L) % ((long) integrations * users);
    }

    private void measure(String topic, long bytes) {
        Instant middle = START.plusMillis(events / 2);
        String title = "Bench List 7";
        String user = "user-" + (slot(7, 0) / integrations) + "@example.com";
        // one unmeasured read and fold first: the JIT and the heap settle before the figures
        reader().read(topic, null, null, record -> { });
        new Audit(reader(), topic, null).foldEverything(null);
        System.out.printf("%nmedian of %d runs, each on a fresh consumer (2-core figures in BENCHMARKS.md)%n", runs);
        double floor = rate("floor: read every record, decode nothing", () -> reader().read(topic, null, null,
                record -> { }));
        System.out.printf("  %,.0f MB/s%n", bytes / 1e6 / (events / floor));
        double fold = rate("fold: decode every change, fold every list", () -> new Audit(reader(), topic, null)
                .foldEverything(null));
        System.out.printf("  = %.2f x floor%n", fold / floor);
        seconds("members --list \"" + title + "\" --at <middle>", floor,
                () -> new Audit(reader(), topic, null).members(title, middle));
        seconds("diff --list \"" + title + "\" --from <start> --to <middle>", floor,
                () -> new Audit(reader(), topic, null).diff(title, START, middle));
        seconds("timeline --user " + user, floor,
                () -> new Audit(reader(), topic, null).timeline(user));
        seconds("grants --user " + user + " --at <middle>", floor,
                () -> new Audit(reader(), topic, null).grants(user, middle));
    }

    private LogReader reader() {
        return new LogReader(bootstrapServers, Progress.silent(), new Stop());
    }

    private double rate(String what, LongSupplier work) {
        double[] rates = new double[runs];
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            long records = work.getAsLong();
            if (records != events) {
                System.out.printf("  (run %d saw %,d of the %,d records)%n", run + 1, records, events);
            }
            rates[run] = records / ((System.nanoTime() - started) / 1e9);
        }
        Arrays.sort(rates);
        double median = rates[runs / 2];
        System.out.printf("%-60s %,12.0f records/s%n", what, median);
        return median;
    }

    private void seconds(String what, double floorRate, java.util.function.Supplier<Table> question) {
        double[] times = new double[runs];
        int rows = 0;
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            rows = question.get().rows().size();
            times[run] = (System.nanoTime() - started) / 1e9;
        }
        Arrays.sort(times);
        System.out.printf("%-60s %8.2f s  (%d rows; floor for one read of the log %.2f s)%n", what, times[runs / 2],
                rows, events / floorRate);
    }
}
