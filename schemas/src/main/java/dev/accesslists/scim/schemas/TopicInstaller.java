package dev.accesslists.scim.schemas;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the project's topics when they do not exist yet. Every service calls it at start-up
 * for the topics it touches, so any start order works. A replication factor of -1 leaves it to
 * the broker's {@code default.replication.factor}.
 */
public final class TopicInstaller {
    private TopicInstaller() {
    }

    /**
     * Sets {@code max.message.bytes} to {@link Topics#MAX_RECORD_BYTES} on topics that already
     * exist (created by an older version, or by Kafka Streams for changelogs), so that a record
     * the broker once refused is accepted after an upgrade or restart.
     */
    public static void raiseRecordLimit(Admin admin, Collection<String> topicNames) {
        if (topicNames.isEmpty()) {
            return;
        }
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new java.util.HashMap<>();
        for (String name : topicNames) {
            changes.put(new ConfigResource(ConfigResource.Type.TOPIC, name), List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", String.valueOf(Topics.MAX_RECORD_BYTES)),
                    AlterConfigOp.OpType.SET)));
        }
        try {
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot configure topics " + topicNames, e);
        }
    }

    public static void ensure(Admin admin, Collection<Topic<?, ?>> topics, short replicationFactor) {
        ensure(admin, topics, replicationFactor, Map.of());
    }

    /**
     * @param partitions partition counts by topic name for topics created now, instead of their
     *     defaults; an existing topic keeps its count (a different one is logged, not changed)
     */
    public static void ensure(Admin admin, Collection<Topic<?, ?>> topics, short replicationFactor,
                              Map<String, Integer> partitions) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            raiseRecordLimit(admin, topics.stream().map(Topic::name).filter(existing::contains).toList());
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), Optional.of(partitions.getOrDefault(t.name(), t.partitions())),
                            Optional.of(replicationFactor))
                            .configs(t.configs()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka to create topics", e);
        }
    }
}
