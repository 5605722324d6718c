package dev.accesslists.scim.token.integrations;

import dev.accesslists.scim.schemas.Topic;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IntegrationStore} backed by the compacted {@link Topics#INTEGRATIONS} topic: the topic
 * is the source of truth and every instance keeps a full copy in memory.
 *
 * <p>A background thread creates the topic if it is missing, then reads every partition from the
 * beginning, forever, applying each record to the map (a tombstone deletes). The store is
 * {@linkplain #ready() ready} once it has read up to the end offsets seen when it started.
 *
 * <p>{@link #put} sends with {@code acks=all} on an idempotent producer and completes only when
 * this store's own consumer has read the record back. That way a completed put is visible to
 * {@link #find}, and the local map only ever changes in topic order, so a stale record cannot
 * overwrite a newer one; another instance sees the write as soon as its consumer gets there.
 */
public final class KafkaIntegrationStore implements IntegrationStore {
    private static final Topic<String, ScimIntegration> TOPIC = Topics.INTEGRATIONS;
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaIntegrationStore.class);

    private final Map<String, Object> clientConfigs;
    private final short replicationFactor;
    private final Map<String, ScimIntegration> integrations = new ConcurrentHashMap<>();
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final CompletableFuture<Void> topicReady = new CompletableFuture<>();
    private final ReadBackWaiters waiters = new ReadBackWaiters();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread reader;
    /** Sends run here: {@code producer.send} can block on metadata, which must not hold an HTTP thread. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "integrations-writer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean caughtUp;

    /** Connects to the given brokers; creates the topic with replication factor 1 if it is missing. */
    public KafkaIntegrationStore(String bootstrapServers) {
        this(bootstrapServers, (short) 1);
    }

    /** Connects to the given brokers; creates the topic with this replication factor if it is missing. */
    public KafkaIntegrationStore(String bootstrapServers, short replicationFactor) {
        this(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), replicationFactor);
    }

    /**
     * @param clientConfigs settings shared by the admin client, producer and consumer (at least
     *     {@code bootstrap.servers}; security settings for a real cluster go here too)
     * @param replicationFactor used when this store creates the topic
     */
    public KafkaIntegrationStore(Map<String, Object> clientConfigs, short replicationFactor) {
        this.clientConfigs = Map.copyOf(clientConfigs);
        this.replicationFactor = replicationFactor;
        this.producer = new KafkaProducer<>(producerConfigs(), new ByteArraySerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(consumerConfigs(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::run, "integrations-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    @Override
    public Optional<ScimIntegration> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(integrations.get(clientId));
    }

    @Override
    public List<ScimIntegration> all() {
        return List.copyOf(integrations.values());
    }

    @Override
    public boolean ready() {
        return caughtUp && !closed.get();
    }

    @Override
    public CompletableFuture<ScimIntegration> put(ScimIntegration integration) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the store is closed"));
        }
        // Sending before the topic is known to exist would let broker auto-creation make it with
        // the wrong settings (not compacted).
        return topicReady.thenComposeAsync(ignored -> send(integration), writer);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        consumer.wakeup();
        try {
            reader.join(ADMIN_TIMEOUT.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.shutdown();
        producer.close(Duration.ofSeconds(5));
        waiters.failAll(new IllegalStateException("the store is closed"));
        topicReady.completeExceptionally(new IllegalStateException("the store is closed"));
    }

    private CompletableFuture<ScimIntegration> send(ScimIntegration integration) {
        CompletableFuture<ScimIntegration> readBack = new CompletableFuture<>();
        try {
            byte[] key = TOPIC.keySerde().serializer().serialize(TOPIC.name(), integration.clientId());
            byte[] value = TOPIC.valueSerde().serializer().serialize(TOPIC.name(), integration);
            producer.send(new ProducerRecord<>(TOPIC.name(), key, value), (metadata, exception) -> {
                if (exception != null) {
                    readBack.completeExceptionally(exception);
                } else {
                    waiters.await(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(),
                            integration, readBack);
                }
            });
        } catch (RuntimeException e) {
            readBack.completeExceptionally(e);
        }
        return readBack;
    }

    private void run() {
        try {
            ensureTopic();
            List<TopicPartition> partitions = retrying(this::partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = retrying(() -> consumer.endOffsets(partitions, ADMIN_TIMEOUT));
            topicReady.complete(null);
            while (!closed.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    apply(record);
                }
                Map<TopicPartition, Long> positions = positions(partitions);
                waiters.advance(positions);
                if (!caughtUp && reached(positions, endAtStart)) {
                    caughtUp = true;
                    LOG.info("loaded {} SCIM integrations from {}", integrations.size(), TOPIC.name());
                }
            }
        } catch (WakeupException e) {
            if (!closed.get()) {
                LOG.error("the integrations reader was woken up unexpectedly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the integrations reader stopped; this instance no longer sees integration changes", e);
        } finally {
            caughtUp = false;
            waiters.failAll(new IllegalStateException("the integrations reader stopped"));
            topicReady.completeExceptionally(new IllegalStateException("the integrations reader stopped"));
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private Map<TopicPartition, Long> positions(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            try {
                positions.put(partition, consumer.position(partition, ADMIN_TIMEOUT));
            } catch (RetriableException e) {
                // Unknown for now: the next round will tell.
            }
        }
        return positions;
    }

    /** Runs a setup step until it succeeds, backing off after retriable Kafka errors. */
    private <T> T retrying(Supplier<T> step) throws InterruptedException {
        while (!closed.get()) {
            try {
                return step.get();
            } catch (RetriableException e) {
                LOG.warn("Kafka is not answering yet ({}); retrying", e.getClass().getSimpleName());
            }
            if (closing.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        throw new WakeupException();
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String clientId;
        ScimIntegration integration;
        try {
            clientId = TOPIC.keySerde().deserializer().deserialize(record.topic(), record.key());
            integration = TOPIC.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("skipping unreadable record at {}-{} offset {}", record.topic(), record.partition(), record.offset());
            return;
        }
        if (clientId == null) {
            LOG.warn("skipping record without key at {}-{} offset {}", record.topic(), record.partition(), record.offset());
        } else if (integration == null) {
            integrations.remove(clientId);
        } else {
            integrations.put(clientId, integration);
        }
    }

    private static boolean reached(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> targets) {
        return targets.entrySet().stream().allMatch(target -> positions.getOrDefault(target.getKey(), 0L) >= target.getValue());
    }

    /** Creates the topic with the {@link Topic}'s partitions and configs; retries until it exists or the store closes. */
    private void ensureTopic() throws InterruptedException {
        try (Admin admin = Admin.create(clientConfigs)) {
            NewTopic topic = new NewTopic(TOPIC.name(), TOPIC.partitions(), replicationFactor).configs(TOPIC.configs());
            while (!closed.get()) {
                try {
                    CreateTopicsOptions options = new CreateTopicsOptions().timeoutMs((int) ADMIN_TIMEOUT.toMillis());
                    admin.createTopics(List.of(topic), options).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.info("created topic {}", TOPIC.name());
                    return;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        return;
                    }
                    LOG.warn("cannot create topic {} yet ({}); retrying", TOPIC.name(), e.getCause().getClass().getSimpleName());
                } catch (TimeoutException e) {
                    LOG.warn("cannot reach Kafka to create topic {}; retrying", TOPIC.name());
                }
                if (closing.await(RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(TOPIC.name(), ADMIN_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new UnknownTopicOrPartitionException("topic " + TOPIC.name() + " has no partitions yet");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private Map<String, Object> producerConfigs() {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.CLIENT_ID_CONFIG, "token-service-integrations-producer");
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return configs;
    }

    private Map<String, Object> consumerConfigs() {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        // No group: every instance reads every partition itself, and commits nothing.
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, "token-service-integrations-reader");
        return configs;
    }
}
