package dev.accesslists.scim.launcher;

import dev.accesslists.scim.schemas.TopicInstaller;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.accesslist.AccessListFiles;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import dev.accesslists.scim.schemas.accesslist.AccessListLog;

/**
 * Applies validated Access List declarations: to the compacted Access List topic (the current
 * definitions) and, as a command, to every partition of the command log, which is how the
 * single writer learns of them.
 */
public final class AccessListPublisher {
    private AccessListPublisher() {
    }

    public static void publish(String bootstrapServers, List<AccessList> lists) {
        publish(bootstrapServers, lists, Topics.COMMANDS.partitions());
    }

    /** @param commandPartitions partitions of the command log, should this create it */
    public static void publish(String bootstrapServers, List<AccessList> lists, int commandPartitions) {
        List<String> problems = AccessListFiles.validate(lists);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicInstaller.ensure(admin, List.of(Topics.ACCESS_LISTS, Topics.COMMANDS), (short) -1,
                    Map.of(Topics.COMMANDS.name(), commandPartitions));
            partitions = admin.describeTopics(List.of(Topics.COMMANDS.name())).allTopicNames().get()
                    .get(Topics.COMMANDS.name()).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot reach Kafka", e.getCause());
        }
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "access-list-publisher-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (ProducerRecord<String, Object> record : AccessListLog.records(lists, List.of(), partitions, now)) {
                producer.send(AccessListLog.serialized(record));
            }
            producer.commitTransaction();
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException("cannot write Access Lists", e);
        }
    }
}
