package dev.accesslists.scim.launcher.bench;

import dev.accesslists.scim.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A downstream consumer of membership changes ({@code read_committed}, from the end of the topic
 * when created) that notes when each change is seen.
 */
final class EventWatch implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    /** "CHANGE userId" → when seen (nanoTime). */
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final Map<String, Long> answered = new ConcurrentHashMap<>();
    /** "CHANGE groupId" → how many seen. */
    private final Map<String, AtomicLong> perGroup = new ConcurrentHashMap<>();

    EventWatch(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MEMBERSHIP.name(), Duration.ofSeconds(30))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
        thread = new Thread(this::run, "bench-event-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    String change = field(value, "change");
                    String userId = field(value, "userId");
                    String groupId = field(value, "groupId");
                    if (change != null && userId != null) {
                        seen.putIfAbsent(change + " " + userId, now);
                    }
                    if (change != null && groupId != null) {
                        perGroup.computeIfAbsent(change + " " + groupId, k -> new AtomicLong()).incrementAndGet();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    /** The string value of a top-level field, found by text: enough for these flat records. */
    private static String field(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int at = json.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int from = at + marker.length();
        int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }

    void reset() {
        seen.clear();
        answered.clear();
    }

    /** The request that makes a change for this user was answered 2xx at {@code nanoTime}. */
    void answered(String userId, long nanoTime) {
        answered.put(userId, nanoTime);
    }

    /** Latencies from each answer to its change of kind {@code change}, once {@code count} are seen. */
    Load.Result await(String change, int count, Duration timeout, String name) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline && matched(change) < count) {
            Thread.sleep(50);
        }
        Histogram histogram = new Histogram(3);
        long matched = 0;
        for (Map.Entry<String, Long> answer : answered.entrySet()) {
            Long at = seen.get(change + " " + answer.getKey());
            if (at != null) {
                histogram.recordValue(Math.max(1, (at - answer.getValue()) / 1000));
                matched++;
            }
        }
        return new Load.Result(name, matched, count - matched, Math.max(1e-9, (System.nanoTime() - start) / 1e9),
                histogram);
    }

    private long matched(String change) {
        return answered.keySet().stream().filter(u -> seen.containsKey(change + " " + u)).count();
    }

    /** Waits until {@code count} changes of this kind for this group were seen; returns how many were. */
    long awaitCount(String change, String groupId, long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicLong counter = perGroup.computeIfAbsent(change + " " + groupId, k -> new AtomicLong());
        while (System.nanoTime() < deadline && counter.get() < count) {
            Thread.sleep(100);
        }
        return counter.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
        consumer.close();
    }
}
