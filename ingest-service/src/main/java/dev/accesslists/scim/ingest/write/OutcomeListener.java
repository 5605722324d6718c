package dev.accesslists.scim.ingest.write;

import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.command.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads command outcomes and completes the HTTP requests waiting for them. It reads every
 * partition (no consumer group): any ingest instance may be waiting for any request id. It reads
 * committed records only, so an outcome is seen only once the state change that produced it is
 * durable.
 */
final class OutcomeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeListener.class);

    private final KafkaConsumer<String, Outcome> consumer;
    private final Map<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
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
    private final Thread thread;
    private volatile boolean running = true;

    OutcomeListener(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
                ConsumerConfig.CLIENT_ID_CONFIG, "ingest-outcomes"),
                new StringDeserializer(), Topics.OUTCOMES.valueSerde().deserializer());
        thread = new Thread(this::run, "ingest-outcome-listener");
        thread.setDaemon(true);
    }

    /** Starts reading from the current end; returns once the position is fixed. */
    void start() {
        thread.start();
        try {
            if (!positioned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("outcome listener could not reach Kafka");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** False once the reading thread has stopped: no write could be answered any more. */
    boolean running() {
        return thread.isAlive() && positioned.getCount() == 0;
    }

    /** Registers interest in a request id; must be called before the command is sent. */
    CompletableFuture<Outcome> expect(String requestId) {
        CompletableFuture<Outcome> future = new CompletableFuture<>();
        pending.put(requestId, future);
        future.whenComplete((o, e) -> pending.remove(requestId));
        return future;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.OUTCOMES.name(), Duration.ofSeconds(60))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, Outcome> record : consumer.poll(Duration.ofMillis(200))) {
                    CompletableFuture<Outcome> future = pending.get(record.key());
                    if (future != null && record.value() != null) {
                        Outcome outcome = record.value();
                        completions.execute(() -> future.complete(outcome));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("outcome listener stopped", e);
            pending.values().forEach(f -> f.completeExceptionally(e));
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        completions.shutdown();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
