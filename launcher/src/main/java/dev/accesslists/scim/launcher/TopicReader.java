package dev.accesslists.scim.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic as a downstream consumer would: committed records only. */
public final class TopicReader {
    private TopicReader() {
    }

    /**
     * Every committed record of the topic, partition by partition, up to where the topic ended when
     * called: transactions open then are waited for (writes are acknowledged before the writer's
     * transaction commits, so a reader that follows a write may find its events still open).
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
        return readAll(bootstrapServers, topic, true);
    }

    /**
     * Every record of the topic, partition by partition: committed ones only, or with
     * {@code committedOnly} false also those of open and aborted transactions.
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic,
                                                               boolean committedOnly) {
        return read(bootstrapServers, topic, committedOnly, true);
    }

    /**
     * The records committed so far, without waiting for the transactions open now: what a
     * {@code read_committed} consumer can see at this moment.
     */
    public static List<ConsumerRecord<String, byte[]>> readCommittedSoFar(String bootstrapServers, String topic) {
        return read(bootstrapServers, topic, true, false);
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic,
                                                             boolean committedOnly, boolean awaitOpen) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, dev.accesslists.scim.schemas.Topics.MAX_RECORD_BYTES),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = awaitOpen ? writtenEnd(bootstrapServers, partitions)
                    : consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    /** The end of each partition including records of open transactions: what was written so far. */
    private static Map<TopicPartition, Long> writtenEnd(String bootstrapServers, List<TopicPartition> partitions) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }
}
