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
        return read(topic, partitions, from, List.of(visitor));
    }

    /**
     * Like {@link #read}, with the records of partition {@code p} visited by
     * {@code visitors.get(p % visitors.size())}, each visitor on a thread of its own: for work
     * that keeps its state per partition (per key), so that it spreads over the machine's cores.
     */
    public long read(String topic, Set<Integer> partitions, Instant from, List<Visitor> visitors) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_RECORD_BYTES);
        settings.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4 * 1024 * 1024);
        settings.put(ConsumerConfig.CHECK_CRCS_CONFIG, Boolean.parseBoolean(System.getProperty("audit.check.crcs", "true")));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            stop.onStop(consumer::wakeup);
            try {
                return read(consumer, topic, partitions, from, visitors);
            } catch (WakeupException e) {
                throw new Stop.Stopped();
            } finally {
                stop.onStop(null);
            }
        }
    }

    private long read(KafkaConsumer<byte[], byte[]> consumer, String topic, Set<Integer> only, Instant from,
                      List<Visitor> visitors) {
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
        List<HandOff> handOffs = new ArrayList<>();
        try {
            visitors.forEach(v -> handOffs.add(new HandOff(v)));
            read = poll(consumer, end, pending, handOffs);
        } finally {
            handOffs.forEach(HandOff::close);
        }
        progress.end(read);
        return read;
    }

    /**
     * The consumer's thread fetches and unpacks records while a second thread looks at them, in
     * the order they were read: on a small machine both halves of the work then proceed at once.
     */
    private long poll(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end,
                      List<TopicPartition> pending, List<HandOff> handOffs) {
        long read = 0;
        int shards = handOffs.size();
        while (!pending.isEmpty()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            List<List<ConsumerRecord<byte[], byte[]>>> batches = new ArrayList<>();
            for (int i = 0; i < shards; i++) {
                batches.add(new ArrayList<>(records.count() / shards + 1));
            }
            for (TopicPartition p : records.partitions()) {
                long last = end.get(p);
                List<ConsumerRecord<byte[], byte[]>> batch = batches.get(p.partition() % shards);
                for (ConsumerRecord<byte[], byte[]> record : records.records(p)) {
                    if (record.offset() >= last) {
                        break;
                    }
                    batch.add(record);
                    read++;
                }
            }
            for (int i = 0; i < shards; i++) {
                handOffs.get(i).submit(batches.get(i));
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
        handOffs.forEach(HandOff::finish);
        return read;
    }

    /** Hands batches of records to one thread that visits them in order; its failure is rethrown here. */
    private static final class HandOff implements AutoCloseable {
        private static final List<ConsumerRecord<byte[], byte[]>> END = new ArrayList<>();
        private final java.util.concurrent.BlockingQueue<List<ConsumerRecord<byte[], byte[]>>> queue =
                new java.util.concurrent.ArrayBlockingQueue<>(4);
        private final Thread worker;
        private volatile Throwable failure;

        HandOff(Visitor visitor) {
            worker = new Thread(() -> {
                try {
                    while (true) {
                        List<ConsumerRecord<byte[], byte[]>> batch = queue.take();
                        if (batch == END) {
                            return;
                        }
                        for (ConsumerRecord<byte[], byte[]> record : batch) {
                            visitor.visit(record);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable t) {
                    failure = t;
                }
            }, "audit-fold");
            worker.setDaemon(true);
            worker.start();
        }

        void submit(List<ConsumerRecord<byte[], byte[]>> batch) {
            if (batch.isEmpty()) {
                return;
            }
            try {
                while (!queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    rethrow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stop.Stopped();
            }
            rethrow();
        }

        /** Waits until every batch was visited. */
        void finish() {
            try {
                while (!queue.offer(END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    rethrow();
                }
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stop.Stopped();
            }
            rethrow();
        }

        private void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException e) {
                throw e;
            } else if (t instanceof Error e) {
                throw e;
            } else if (t != null) {
                throw new IllegalStateException(t);
            }
        }

        @Override
        public void close() {
            worker.interrupt();
        }
    }
}
