package dev.accesslists.scim.launcher.audit;

import dev.accesslists.scim.launcher.UserError;
import dev.accesslists.scim.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic's committed records once, from the beginning (or from a time) to where the topic
 * ended when the read began, handing each record's raw bytes to a visitor: visitors look at the
 * key or a few bytes first and decode only the records they need. Reports progress, and stops
 * early, without an answer, when asked to.
 */
public final class LogReader {
    /** Sees one record. */
    public interface Visitor {
        void visit(ConsumerRecord<byte[], byte[]> record);
    }

    private final String bootstrapServers;
    private final Progress progress;
    private final Stop stop;

    public LogReader(String bootstrapServers, Progress progress, Stop stop) {
        this.bootstrapServers = bootstrapServers;
        this.progress = progress;
        this.stop = stop;
    }

    /**
     * @param partitions the partitions to read, or null for all
     * @param from the earliest record time to read, or null for the beginning
     * @return how many records were read
     */
    public long read(String topic, Set<Integer> partitions, Instant from, Visitor visitor) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_RECORD_BYTES);
        settings.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            stop.onStop(consumer::wakeup);
            try {
                return read(consumer, topic, partitions, from, visitor);
            } catch (WakeupException e) {
                throw new Stop.Stopped();
            } finally {
                stop.onStop(null);
            }
        }
    }

    private long read(KafkaConsumer<byte[], byte[]> consumer, String topic, Set<Integer> only, Instant from,
                      Visitor visitor) {
        List<TopicPartition> partitions = new ArrayList<>();
        try {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                throw new UserError("topic " + topic + " does not exist at " + bootstrapServers);
            }
            infos.stream().filter(p -> only == null || only.contains(p.partition()))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new UserError("no answer from Kafka at " + bootstrapServers + " within 15 s: is the pipeline"
                    + " running? (--bootstrap-servers to point elsewhere)");
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
        if (from != null) {
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, Duration.ofSeconds(30));
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = found.get(p);
                start.put(p, at == null ? end.get(p) : at.offset());
            }
        }
        long total = 0;
        List<TopicPartition> pending = new ArrayList<>();
        for (TopicPartition p : partitions) {
            consumer.seek(p, start.get(p));
            if (start.get(p) < end.get(p)) {
                total += end.get(p) - start.get(p);
                pending.add(p);
            }
        }
        progress.begin(topic, total);
        long read = 0;
        // partitions already at their end are not fetched from at all
        consumer.pause(partitions.stream().filter(p -> !pending.contains(p)).toList());
        while (!pending.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            for (TopicPartition p : records.partitions()) {
                long last = end.get(p);
                for (ConsumerRecord<byte[], byte[]> record : records.records(p)) {
                    if (record.offset() >= last) {
                        break;
                    }
                    visitor.visit(record);
                    read++;
                }
            }
            for (var it = pending.iterator(); it.hasNext(); ) {
                TopicPartition p = it.next();
                if (consumer.position(p) >= end.get(p)) {
                    consumer.pause(List.of(p));
                    it.remove();
                }
            }
            progress.advance(read);
            if (stop.stopping()) {
                throw new Stop.Stopped();
            }
        }
        progress.end(read);
        return read;
    }
}
