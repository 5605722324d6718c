package dev.accesslists.scim.schemas;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic: its name, the serdes of its key and value, and how it is created.
 *
 * @param name topic name
 * @param keySerde serde of the record key
 * @param valueSerde serde of the record value
 * @param partitions partition count used when the project creates the topic
 * @param configs topic configs used when the project creates the topic (cleanup policy, retention)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions,
                          Map<String, String> configs) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive");
        }
        configs = Map.copyOf(configs);
    }
}
