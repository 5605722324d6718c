package dev.accesslists.scim.launcher.drill;

import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.streams.MembershipTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The whole command log processed again into empty state, the way the live writer processes it:
 * one task per partition of the log, each with state of its own, fed that partition's records in
 * order. (Fed into one shared state, a partition's Access List change would be applied where
 * other partitions' directories are at a different point of their logs.)
 */
public final class LogReplay implements AutoCloseable {
    private final Map<Integer, TopologyTestDriver> tasks = new TreeMap<>();

    /** Replays {@code log} (as read from the command topic, with partitions). */
    public LogReplay(List<ConsumerRecord<String, byte[]>> log) {
        for (ConsumerRecord<String, byte[]> record : log) {
            TopologyTestDriver task = tasks.computeIfAbsent(record.partition(), this::task);
            TestInputTopic<String, byte[]> commands = task.createInputTopic(Topics.COMMANDS.name(),
                    new StringSerializer(), new ByteArraySerializer());
            commands.pipeInput(new TestRecord<>(record.key(), record.value(), Instant.ofEpochMilli(record.timestamp())));
        }
    }

    private TopologyTestDriver task(int partition) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "replay-" + partition);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("replay-" + partition + "-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TopologyTestDriver(MembershipTopology.forReplay("replay.continuations"), props);
    }

    /** What the tasks wrote to a topic, task after task, each in its order. */
    public List<ConsumerRecord<String, byte[]>> output(String topic) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        tasks.forEach((partition, task) -> task.createOutputTopic(topic, new StringDeserializer(),
                        new ByteArrayDeserializer()).readRecordsToList()
                .forEach(r -> out.add(new ConsumerRecord<>(topic, partition, out.size(), r.key(), r.value()))));
        return out;
    }

    /**
     * Every task's entries of a store, as text, keys not kept per task ({@code include} false)
     * left out; an entry every task keeps (an Access List) appears once.
     */
    public Map<String, String> store(String name, java.util.function.Predicate<String> include,
                                     Function<Object, String> text) {
        Map<String, String> entries = new TreeMap<>();
        for (TopologyTestDriver task : tasks.values()) {
            KeyValueStore<String, Object> store = task.getKeyValueStore(name);
            try (KeyValueIterator<String, Object> it = store.all()) {
                while (it.hasNext()) {
                    var kv = it.next();
                    if (include.test(kv.key)) {
                        entries.put(kv.key, text.apply(kv.value));
                    }
                }
            }
        }
        return entries;
    }

    @Override
    public void close() {
        tasks.values().forEach(TopologyTestDriver::close);
    }
}
