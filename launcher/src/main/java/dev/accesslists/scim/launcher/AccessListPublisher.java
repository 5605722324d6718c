package dev.accesslists.scim.launcher;

import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.accesslist.AccessListFiles;
import dev.accesslists.scim.token.accesslists.KafkaAccessListStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Writes validated Access List declarations straight to Kafka, every one of them whether it
 * changed or not, the way the admin API writes a change ({@link KafkaAccessListStore}: the
 * definitions and the commands in one transaction). For tests and tools that run without the
 * token service; {@code pipeline apply} goes through the admin API.
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
        try (KafkaAccessListStore store = new KafkaAccessListStore(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), (short) -1, commandPartitions)) {
            store.write(lists, List.of()).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write Access Lists", e.getCause() == null ? e : e.getCause());
        }
    }
}
