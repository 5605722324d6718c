package dev.accesslists.scim.ingest.write;

import dev.accesslists.scim.ingest.metrics.IngestMetrics;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.runtime.SupervisedLoop;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads command outcomes and completes the HTTP requests waiting for them. It reads every
 * partition (no consumer group): any ingest instance may be waiting for any request id.
 *
 * <p>It reads outcomes before their transaction commits ({@code read_uncommitted}). That is safe
 * because an outcome is a pure function of the command log up to its command, and the command is
 * already durable (written with {@code acks=all}) when it is processed: should the writer's
 * transaction abort, processing the same log again yields the same outcome, which is then
 * delivered a second time and ignored (the request was answered and forgotten). The writer's
 * commit interval is therefore no longer the floor of every write's latency.
 *
 * <p>The reading loop is supervised: after a failure it starts again with a new consumer, from
 * where the last one stopped, so no outcome is missed and requests already waiting are still
 * answered. A waiting request is forgotten when it is answered or times out, never kept.
 */
final class OutcomeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeListener.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Map<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    /** Where each partition's reading stopped, so that a new consumer resumes there. */
    private final Map<TopicPartition, Long> resumeAt = new ConcurrentHashMap<>();
    /**
     * Completes waiting requests off the listener thread: completing a future runs the HTTP
     * answer (rendering, writing), which must not serialise every write on this one thread.
     */
    private final ExecutorService completions = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "ingest-outcome-completion");
                t.setDaemon(true);
                return t;
            });
    private final SupervisedLoop loop;
    /** Publishes each incarnation's consumer metrics (its lag among them); null: none. */
    private final IngestMetrics metrics;

    OutcomeListener(String bootstrapServers, IngestMetrics metrics) {
        this(() -> new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
                ConsumerConfig.CLIENT_ID_CONFIG, "ingest-outcomes"),
                new StringDeserializer(), new ByteArrayDeserializer()), Duration.ofMillis(200), metrics);
    }

    /** @param consumers makes the consumer of each incarnation of the reading loop */
    OutcomeListener(Supplier<Consumer<String, byte[]>> consumers, Duration minBackoff) {
        this(consumers, minBackoff, null);
    }

    OutcomeListener(Supplier<Consumer<String, byte[]>> consumers, Duration minBackoff, IngestMetrics metrics) {
        this.consumers = consumers;
        this.metrics = metrics;
        this.loop = new SupervisedLoop("ingest-outcome-listener", this::listen, minBackoff, Duration.ofSeconds(10),
                null);
    }

    /** Starts reading from the current end; returns once the position is fixed. */
    void start() {
        loop.start();
        try {
            if (!loop.awaitHealthy(Duration.ofSeconds(60))) {
                throw new IllegalStateException("outcome listener could not reach Kafka");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether outcomes are being read now; false while the loop restarts. */
    boolean running() {
        return loop.healthy();
    }

    Optional<String> problem() {
        return loop.problem();
    }

    /** How many requests wait for their outcome. */
    int waiting() {
        return pending.size();
    }

    /** Registers interest in a request id; must be called before the command is sent. */
    CompletableFuture<Outcome> expect(String requestId) {
        CompletableFuture<Outcome> future = new CompletableFuture<>();
        pending.put(requestId, future);
        future.whenComplete((o, e) -> pending.remove(requestId));
        return future;
    }

    private void listen(SupervisedLoop.Control control) {
        try (Consumer<String, byte[]> consumer = consumers.get();
             IngestMetrics.Published published = metrics == null ? null : metrics.kafkaConsumer(consumer)) {
            control.onStop(consumer::wakeup);
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.OUTCOMES.name(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.OUTCOMES.name() + " has no partitions");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            for (TopicPartition partition : partitions) {
                Long resume = resumeAt.get(partition);
                if (resume == null) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seek(partition, resume);
                }
            }
            remember(consumer, partitions);
            control.healthy();
            while (!control.stopping()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    deliver(record);
                }
                remember(consumer, partitions);
            }
        } catch (WakeupException e) {
            if (!control.stopping()) {
                throw e;
            }
        }
    }

    private void remember(Consumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            positions.put(partition, consumer.position(partition, Duration.ofSeconds(30)));
        }
        resumeAt.putAll(positions);
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        CompletableFuture<Outcome> future = record.key() == null ? null : pending.get(record.key());
        if (future == null || record.value() == null) {
            return;
        }
        Outcome outcome;
        try {
            outcome = Topics.OUTCOMES.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            // an outcome this version cannot read: its request times out and the client retries
            LOG.warn("unreadable outcome at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        try {
            completions.execute(() -> future.complete(outcome));
        } catch (RejectedExecutionException e) {
            future.complete(outcome);
        }
    }

    @Override
    public void close() {
        loop.close();
        completions.shutdown();
    }
}
