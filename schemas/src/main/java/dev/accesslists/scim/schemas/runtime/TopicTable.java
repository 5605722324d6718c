package dev.accesslists.scim.schemas.runtime;

import dev.accesslists.scim.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic held in memory: every instance reads every partition from the beginning,
 * forever, applying each record to a map (a null value deletes). The reading loop is supervised:
 * after a failure it resumes where it stopped. A record it cannot read is skipped with a warning.
 *
 * <p>Readers can wait for the table to reflect a position: {@link #awaitApplied} for a record
 * just written, {@link #catchUp} for everything written before the call (one end-offset lookup
 * shared by every caller waiting at that moment).
 */
public final class TopicTable<K, V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTable.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Topic<K, V> topic;
    private final Map<String, Object> clientConfigs;
    private final Runnable prepare;
    private final Map<K, V> entries = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final SupervisedLoop loop;
    private final Admin admin;
    private volatile Map<TopicPartition, Long> target;
    private volatile boolean caughtUp;
    private volatile boolean prepared;
    private CompletableFuture<Void> sharedCatchUp;

    private record Waiter(TopicPartition partition, long offset, CompletableFuture<Void> future) {
    }

    /**
     * @param clientConfigs at least {@code bootstrap.servers}; security settings for a real cluster go here too
     * @param prepare runs before the first read until it succeeds once (e.g. create the topic); may be null
     */
    public TopicTable(String name, Topic<K, V> topic, Map<String, Object> clientConfigs, Runnable prepare) {
        this.topic = topic;
        this.clientConfigs = Map.copyOf(clientConfigs);
        this.prepare = prepare;
        Map<String, Object> adminConfigs = new HashMap<>(clientConfigs);
        adminConfigs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        adminConfigs.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        this.admin = Admin.create(adminConfigs);
        this.loop = new SupervisedLoop(name, this::read, Duration.ofMillis(200), Duration.ofSeconds(10), e -> { });
    }

    public TopicTable<K, V> start() {
        loop.start();
        return this;
    }

    public Optional<V> get(K key) {
        return key == null ? Optional.empty() : Optional.ofNullable(entries.get(key));
    }

    public Collection<V> values() {
        return List.copyOf(entries.values());
    }

    /** Read up to the end the topic had when reading (re)started, and reading now. */
    public boolean ready() {
        return caughtUp && loop.healthy();
    }

    /** Why the table is not ready, when it is not. */
    public Optional<String> problem() {
        if (!loop.healthy()) {
            return loop.problem();
        }
        return caughtUp ? Optional.empty() : Optional.of("reading " + topic.name() + " up to its end");
    }

    /** Completes once the record at {@code offset} of {@code partition} has been applied. */
    public CompletableFuture<Void> awaitApplied(TopicPartition partition, long offset) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (waiters) {
            if (positions.getOrDefault(partition, 0L) <= offset) {
                waiters.add(new Waiter(partition, offset, future));
                return future;
            }
        }
        future.complete(null);
        return future;
    }

    /**
     * Completes once every record written before this call has been applied. Concurrent callers
     * share one end-offset lookup; fails when Kafka cannot tell the end offsets in time.
     */
    public synchronized CompletableFuture<Void> catchUp() {
        if (sharedCatchUp != null && !sharedCatchUp.isDone()) {
            return sharedCatchUp;
        }
        List<TopicPartition> partitions = List.copyOf(positions.keySet());
        if (partitions.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException(topic.name() + " is not being read yet"));
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(request);
        sharedCatchUp = result.all().toCompletionStage().toCompletableFuture().thenCompose(ends -> {
            List<CompletableFuture<Void>> applied = new ArrayList<>();
            ends.forEach((partition, info) -> {
                if (info.offset() > 0) {
                    applied.add(awaitApplied(partition, info.offset() - 1));
                }
            });
            return CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new));
        });
        return sharedCatchUp;
    }

    private void read(SupervisedLoop.Control control) {
        if (!prepared && prepare != null) {
            prepare.run();
        }
        prepared = true;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfigs(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            control.onStop(consumer::wakeup);
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                throw new UnknownTopicOrPartitionException("topic " + topic.name() + " has no partitions yet");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                Long resume = positions.get(partition);
                if (resume == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, resume);
                }
            }
            if (target == null) {
                target = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            }
            control.healthy();
            while (!control.stopping()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                Map<TopicPartition, Long> now = new HashMap<>();
                for (TopicPartition partition : partitions) {
                    now.put(partition, consumer.position(partition, Duration.ofSeconds(10)));
                }
                advance(now);
            }
        } catch (WakeupException e) {
            if (!control.stopping()) {
                throw e;
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        K key;
        V value;
        try {
            key = topic.keySerde().deserializer().deserialize(record.topic(), record.key());
            value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("skipping unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        if (key == null) {
            LOG.warn("skipping record without key at {}-{}@{}", record.topic(), record.partition(), record.offset());
        } else if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
    }

    private void advance(Map<TopicPartition, Long> now) {
        positions.putAll(now);
        List<Waiter> done = new ArrayList<>();
        synchronized (waiters) {
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (positions.getOrDefault(waiter.partition(), 0L) > waiter.offset()) {
                    done.add(waiter);
                    it.remove();
                }
            }
        }
        done.forEach(waiter -> waiter.future().complete(null));
        if (!caughtUp && target != null && target.entrySet().stream()
                .allMatch(t -> positions.getOrDefault(t.getKey(), 0L) >= t.getValue())) {
            caughtUp = true;
            LOG.info("read {} entries of {}", entries.size(), topic.name());
        }
    }

    private Map<String, Object> consumerConfigs() {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return configs;
    }

    /** Stops reading; pending waits fail. */
    @Override
    public void close() {
        loop.close();
        List<Waiter> pending;
        synchronized (waiters) {
            pending = List.copyOf(waiters);
            waiters.clear();
        }
        pending.forEach(w -> w.future().completeExceptionally(new IllegalStateException(topic.name() + " closed")));
        admin.close(Duration.ofSeconds(5));
    }

    /** For tests: how many incarnations of the reading loop failed. */
    public long failures() {
        return loop.failures();
    }
}
