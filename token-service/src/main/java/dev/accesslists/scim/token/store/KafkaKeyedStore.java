package dev.accesslists.scim.token.store;

import dev.accesslists.scim.schemas.Topic;
import dev.accesslists.scim.schemas.TopicInstaller;
import dev.accesslists.scim.schemas.runtime.TopicTable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@link KeyedStore} backed by a compacted topic: the topic is the source of truth and every instance keeps a full copy in memory (a {@link TopicTable},
 * whose reading loop restarts after failures). The topic is created if it is missing.
 *
 * <p>{@link #put} and {@link #delete} send with {@code acks=all} on an idempotent producer and
 * complete only when this store has read the record back. That way a completed write is visible
 * to {@link #find}, and the local map only ever changes in topic order, so a stale record cannot
 * overwrite a newer one; another instance sees the write as soon as its reader gets there.
 */
public final class KafkaKeyedStore<V> implements KeyedStore<V> {
    private final Topic<String, V> topic;

    private final TopicTable<String, V> table;
    private final KafkaProducer<byte[], byte[]> producer;
    private final CompletableFuture<Void> topicReady = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Sends run here: {@code producer.send} can block on metadata, which must not hold an HTTP thread. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "keyed-store-writer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param topic the compacted topic, created if missing
     * @param clientConfigs settings shared by the admin client, producer and consumer (at least
     *     {@code bootstrap.servers}; security settings for a real cluster go here too)
     * @param replicationFactor used when this store creates the topic
     */
    public KafkaKeyedStore(Topic<String, V> topic, Map<String, Object> clientConfigs, short replicationFactor) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(producerConfigs(clientConfigs, topic.name()), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.table = new TopicTable<>(topic.name() + "-reader", topic, clientConfigs, () -> {
            // sending before the topic is known to exist would let broker auto-creation make it
            // with the wrong settings (not compacted)
            try (Admin admin = Admin.create(clientConfigs)) {
                TopicInstaller.ensure(admin, List.of(topic), replicationFactor);
            }
            topicReady.complete(null);
        }).start();
    }

    @Override
    public Optional<V> find(String key) {
        return table.get(key);
    }

    @Override
    public List<V> all() {
        return List.copyOf(table.values());
    }

    @Override
    public boolean ready() {
        return table.ready() && !closed.get();
    }

    @Override
    public CompletableFuture<V> put(String key, V value) {
        return write(key, value).thenApply(ignored -> value);
    }

    @Override
    public CompletableFuture<Boolean> delete(String clientId) {
        if (find(clientId).isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return write(clientId, null).thenApply(ignored -> true);
    }

    private CompletableFuture<Void> write(String clientId, V value) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the store is closed"));
        }
        return topicReady.thenComposeAsync(ignored -> send(clientId, value), writer);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        table.close();
        writer.shutdown();
        producer.close(Duration.ofSeconds(5));
        topicReady.completeExceptionally(new IllegalStateException("the store is closed"));
    }

    private CompletableFuture<Void> send(String clientId, V value) {
        CompletableFuture<Void> readBack = new CompletableFuture<>();
        try {
            byte[] key = topic.keySerde().serializer().serialize(topic.name(), clientId);
            byte[] bytes = value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value);
            producer.send(new ProducerRecord<>(topic.name(), key, bytes), (metadata, exception) -> {
                if (exception != null) {
                    readBack.completeExceptionally(exception);
                } else {
                    table.awaitApplied(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset())
                            .whenComplete((v, e) -> {
                                if (e != null) {
                                    readBack.completeExceptionally(e);
                                } else {
                                    readBack.complete(null);
                                }
                            });
                }
            });
        } catch (RuntimeException e) {
            readBack.completeExceptionally(e);
        }
        return readBack;
    }

    private static Map<String, Object> producerConfigs(Map<String, Object> clientConfigs, String clientId) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.CLIENT_ID_CONFIG, "token-service-" + clientId + "-producer");
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return configs;
    }
}
