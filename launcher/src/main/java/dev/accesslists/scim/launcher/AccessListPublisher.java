package dev.accesslists.scim.launcher;

import dev.accesslists.scim.schemas.TopicInstaller;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.accesslist.AccessListFiles;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Applies validated Access List declarations to the compacted Access List topic. */
public final class AccessListPublisher {
    private AccessListPublisher() {
    }

    public static void publish(String bootstrapServers, List<AccessList> lists) {
        List<String> problems = AccessListFiles.validate(lists);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicInstaller.ensure(admin, List.of(Topics.ACCESS_LISTS), (short) -1);
        }
        try (KafkaProducer<String, AccessList> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), Topics.ACCESS_LISTS.valueSerde().serializer())) {
            for (AccessList list : lists) {
                producer.send(new ProducerRecord<>(Topics.ACCESS_LISTS.name(), list.name(), list)).get();
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write Access Lists", e.getCause());
        }
    }
}
