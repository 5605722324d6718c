package dev.accesslists.scim.token.accesslists;

import dev.accesslists.scim.schemas.TopicInstaller;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.accesslist.AccessListLog;
import dev.accesslists.scim.schemas.runtime.TopicTable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Access Lists on Kafka: the compacted Access List topic read into memory (read_committed), and
 * writes sent in one transaction with the commands that tell the single writer, so a definition
 * is never shown that the writer was not told of, nor the reverse. Writes run one at a time on
 * their own thread, and complete once this store has read them back.
 */
public final class KafkaAccessListStore implements AccessListStore {
    private final TopicTable<String, AccessList> table;
    private final Map<String, Object> clientConfigs;
    private final short replicationFactor;
    private final int commandPartitions;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "access-lists-writer");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaProducer<byte[], byte[]> producer;
    private int partitions;

    /**
     * @param commandPartitions partitions of the command log, should this create it
     */
    public KafkaAccessListStore(Map<String, Object> clientConfigs, short replicationFactor, int commandPartitions) {
        this.clientConfigs = Map.copyOf(clientConfigs);
        this.replicationFactor = replicationFactor;
        this.commandPartitions = commandPartitions;
        this.table = new TopicTable<>("access-lists-reader", Topics.ACCESS_LISTS, clientConfigs, () -> {
            try (Admin admin = Admin.create(clientConfigs)) {
                TopicInstaller.ensure(admin, List.of(Topics.ACCESS_LISTS), replicationFactor);
            }
        }).start();
    }

    @Override
    public Optional<AccessList> find(String name) {
        return table.get(name);
    }

    @Override
    public List<AccessList> all() {
        return List.copyOf(table.values());
    }

    @Override
    public boolean ready() {
        return table.ready();
    }

    @Override
    public CompletableFuture<Void> write(List<AccessList> upserts, List<String> removals) {
        if (upserts.isEmpty() && removals.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> send(upserts, removals), writer)
                .thenCompose(last -> table.awaitApplied(new TopicPartition(last.topic(), last.partition()),
                        last.offset()));
    }

    /** Sends the records in one transaction; answers where the last definition landed. */
    private RecordMetadata send(List<AccessList> upserts, List<String> removals) {
        KafkaProducer<byte[], byte[]> producer = producer();
        List<ProducerRecord<String, Object>> records = AccessListLog.records(upserts, removals, partitions,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            producer.beginTransaction();
            Future<RecordMetadata> last = null;
            for (ProducerRecord<String, Object> record : records) {
                Future<RecordMetadata> sent = producer.send(AccessListLog.serialized(record));
                if (record.topic().equals(Topics.ACCESS_LISTS.name())) {
                    last = sent;
                }
            }
            producer.commitTransaction();
            return last.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (KafkaException | java.util.concurrent.ExecutionException e) {
            // the transaction is aborted or fenced: start again with a new producer next time
            closeProducer();
            throw new IllegalStateException("the Access Lists could not be written", e);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer != null) {
            return producer;
        }
        try (Admin admin = Admin.create(clientConfigs)) {
            TopicInstaller.ensure(admin, List.of(Topics.ACCESS_LISTS, Topics.COMMANDS), replicationFactor,
                    Map.of(Topics.COMMANDS.name(), commandPartitions));
            partitions = commandPartitions(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot reach Kafka", e.getCause());
        }
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        configs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "token-service-access-lists-" + UUID.randomUUID());
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(configs, new ByteArraySerializer(),
                new ByteArraySerializer());
        try {
            created.initTransactions();
        } catch (KafkaException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        producer = created;
        return created;
    }

    /**
     * The command log's partition count. A topic created a moment ago may not be known to every
     * broker yet, so an unknown topic is asked again for a few seconds.
     */
    private static int commandPartitions(Admin admin) throws InterruptedException,
            java.util.concurrent.ExecutionException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(Topics.COMMANDS.name())).allTopicNames().get()
                        .get(Topics.COMMANDS.name()).partitions().size();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }

    @Override
    public void close() {
        table.close();
        writer.submit(this::closeProducer);
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
