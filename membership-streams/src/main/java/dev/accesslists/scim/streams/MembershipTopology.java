package dev.accesslists.scim.streams;

import dev.accesslists.scim.schemas.JsonSerde;
import dev.accesslists.scim.schemas.Topic;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.directory.Member;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.streams.directory.CommandProcessor;
import dev.accesslists.scim.streams.directory.StoreNames;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The membership-streams topology: commands in; outcomes, domain events and membership changes
 * out; directory state in RocksDB; Access Lists in a global store.
 */
public final class MembershipTopology {
    static final String COMMANDS_SOURCE = "commands-source";
    static final String PROCESSOR = "directory-processor";

    private MembershipTopology() {
    }

    public static Topology build() {
        Topology topology = new Topology();
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ACCESS_LISTS),
                        Serdes.String(), Topics.ACCESS_LISTS.valueSerde()).withLoggingDisabled(),
                "access-lists-source",
                Topics.ACCESS_LISTS.keySerde().deserializer(), Topics.ACCESS_LISTS.valueSerde().deserializer(),
                Topics.ACCESS_LISTS.name(), "access-lists-loader", AccessListLoader::new);

        topology.addSource(COMMANDS_SOURCE, Topics.COMMANDS.keySerde().deserializer(),
                Topics.COMMANDS.valueSerde().deserializer(), Topics.COMMANDS.name());
        topology.addProcessor(PROCESSOR, CommandProcessor::new, COMMANDS_SOURCE);
        topology.addStateStore(store(StoreNames.USERS, JsonSerde.of(StoredUser.class)), PROCESSOR);
        topology.addStateStore(store(StoreNames.USER_NAMES, Serdes.String()), PROCESSOR);
        topology.addStateStore(store(StoreNames.GROUPS, JsonSerde.of(StoredGroup.class)), PROCESSOR);
        topology.addStateStore(store(StoreNames.GROUP_LISTS, Serdes.String()), PROCESSOR);
        topology.addStateStore(store(StoreNames.MEMBERS, JsonSerde.of(Member.class)), PROCESSOR);
        topology.addStateStore(store(StoreNames.USER_GROUPS, Serdes.String()), PROCESSOR);
        topology.addStateStore(store(StoreNames.PROGRESS, Serdes.Long()), PROCESSOR);

        sink(topology, CommandProcessor.TO_OUTCOMES, Topics.OUTCOMES);
        sink(topology, CommandProcessor.TO_EVENTS, Topics.EVENTS);
        sink(topology, CommandProcessor.TO_MEMBERSHIP, Topics.MEMBERSHIP);
        return topology;
    }

    /** The changelog topics Kafka Streams creates for the directory stores. */
    public static List<String> changelogTopics(String applicationId) {
        return List.of(StoreNames.USERS, StoreNames.USER_NAMES, StoreNames.GROUPS, StoreNames.GROUP_LISTS,
                StoreNames.MEMBERS, StoreNames.USER_GROUPS, StoreNames.PROGRESS).stream()
                .map(store -> applicationId + "-" + store + "-changelog").toList();
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
                .withLoggingEnabled(Topics.LARGE_RECORDS);
    }

    @SuppressWarnings("unchecked")
    private static <V> void sink(Topology topology, String name, Topic<String, V> topic) {
        Serializer<Object> values = (Serializer<Object>) topic.valueSerde().serializer();
        topology.addSink(name, topic.name(), topic.keySerde().serializer(), values, PROCESSOR);
    }

    /** Keeps the global Access List store equal to the compacted topic. */
    private static final class AccessListLoader implements Processor<String, AccessList, Void, Void> {
        private KeyValueStore<String, AccessList> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(StoreNames.ACCESS_LISTS);
        }

        @Override
        public void process(Record<String, AccessList> record) {
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }
}
