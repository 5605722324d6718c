package dev.accesslists.scim.launcher.drill;

import dev.accesslists.scim.launcher.TopicReader;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.streams.MembershipTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Exactly once downstream, checked from the outside: the membership changes a
 * {@code read_committed} consumer sees equal, per list title and directory, the ones a replay of
 * the whole command log into empty state produces; and so do the effective-grants records, per
 * user. Any duplicate or gap shows as a difference.
 */
final class ReplayCheck {
    /**
     * @param live membership changes on the topic
     * @param replayed membership changes of the replay
     * @param duplicates changes on the topic beyond what the replay produced, per key
     * @param gaps changes of the replay missing on the topic, per key
     * @param firstDifference the first key whose sequences differ, or null
     */
    record Result(int live, int replayed, int duplicates, int gaps, String firstDifference) {
        boolean equal() {
            return firstDifference == null;
        }
    }

    private ReplayCheck() {
    }

    /** The comparisons of both topics the writer emits to consumers. */
    record Results(Result membership, Result grants) {
        boolean equal() {
            return membership.equal() && grants.equal();
        }
    }

    static Results run(String bootstrapServers) {
        Map<String, List<ConsumerRecord<String, byte[]>>> replayed = replay(TopicReader.readAll(bootstrapServers,
                Topics.COMMANDS.name()));
        return new Results(
                compare(grouped(TopicReader.readAll(bootstrapServers, Topics.MEMBERSHIP.name())),
                        grouped(replayed.get(Topics.MEMBERSHIP.name()))),
                compare(byKey(TopicReader.readAll(bootstrapServers, Topics.GRANTS.name())),
                        byKey(replayed.get(Topics.GRANTS.name()))));
    }

    private static Result compare(Map<String, List<String>> live, Map<String, List<String>> replayed) {
        int duplicates = 0;
        int gaps = 0;
        String first = null;
        TreeMap<String, Boolean> keys = new TreeMap<>();
        live.keySet().forEach(k -> keys.put(k, true));
        replayed.keySet().forEach(k -> keys.put(k, true));
        for (String key : keys.keySet()) {
            List<String> a = live.getOrDefault(key, List.of());
            List<String> b = replayed.getOrDefault(key, List.of());
            if (!a.equals(b)) {
                first = first == null ? key : first;
                duplicates += Math.max(0, a.size() - b.size());
                gaps += Math.max(0, b.size() - a.size());
            }
        }
        return new Result(count(live), count(replayed), duplicates, gaps, first);
    }

    private static int count(Map<String, List<String>> grouped) {
        return grouped.values().stream().mapToInt(List::size).sum();
    }

    private static Map<String, List<ConsumerRecord<String, byte[]>>> replay(List<ConsumerRecord<String, byte[]>> log) {
        try (LogReplay replay = new LogReplay(log)) {
            return Map.of(Topics.MEMBERSHIP.name(), replay.output(Topics.MEMBERSHIP.name()),
                    Topics.GRANTS.name(), replay.output(Topics.GRANTS.name()));
        }
    }

    /** Values by record key, in order; a tombstone as {@code null}. */
    private static Map<String, List<String>> byKey(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<String>> grouped = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            grouped.computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8));
        }
        return grouped;
    }

    /** Values by record key and the directory that caused them, in order. */
    private static Map<String, List<String>> grouped(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<String>> grouped = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            String directory;
            try {
                directory = Json.mapper().readTree(r.value()).at("/cause/directoryId").asText("");
            } catch (IOException e) {
                directory = "?";
            }
            grouped.computeIfAbsent(r.key() + " | " + directory, k -> new ArrayList<>())
                    .add(new String(r.value(), StandardCharsets.UTF_8));
        }
        return grouped;
    }

}
