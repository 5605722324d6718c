package dev.accesslists.scim.streams;

import dev.accesslists.scim.schemas.JsonSerde;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.directory.Member;
import dev.accesslists.scim.schemas.directory.RecentRequest;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.directory.StoredUser;
import dev.accesslists.scim.streams.directory.CommandProcessor;
import dev.accesslists.scim.streams.directory.ProcessingStats;
import dev.accesslists.scim.streams.directory.Sinks;
import dev.accesslists.scim.streams.directory.StoreNames;
import dev.accesslists.scim.streams.lists.ListCounts;
import dev.accesslists.scim.streams.lists.ListHistoryEntry;
import dev.accesslists.scim.streams.lists.ListMember;
import dev.accesslists.scim.streams.lists.ListViewProcessor;
import dev.accesslists.scim.streams.lists.ListViewStores;
import dev.accesslists.scim.schemas.event.MembershipChange;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The membership-streams topology: commands in; outcomes, domain events, membership changes and
 * dead letters out; directory state in RocksDB. Access List changes arrive as commands on every
 * partition, so each task sees them at a fixed position of its log and replay is exact.
 *
 * <p>Command records are read as bytes and decoded by the processor, so a record that cannot be
 * decoded is set aside there instead of failing the stream thread.
 */
public final class MembershipTopology {
    static final String COMMANDS_SOURCE = "commands-source";
    static final String PROCESSOR = "directory-processor";
    static final String MEMBERSHIP_SOURCE = "membership-source";
    static final String LIST_VIEW = "list-view-processor";

    private MembershipTopology() {
    }

    public static Topology build() {
        return build(new ProcessingStats());
    }

    public static Topology build(ProcessingStats stats) {
        return build(stats, CommandProcessor.DEFAULT_MEMBER_CHUNK, Topics.COMMANDS.name());
    }

    /**
     * A replay of a recorded command log: the continuations the log already holds are processed
     * where they were recorded, so the ones the writer makes again go to {@code continuationsTopic}
     * instead of back into the log.
     */
    public static Topology forReplay(String continuationsTopic) {
        return forReplay(continuationsTopic, CommandProcessor.DEFAULT_MEMBER_CHUNK);
    }

    /** A replay of a log written by a writer whose steps held {@code memberChunk} members. */
    public static Topology forReplay(String continuationsTopic, int memberChunk) {
        return build(new ProcessingStats(), memberChunk, continuationsTopic);
    }

    /**
     * @param memberChunk members brought up to date per command in a change of a whole group
     * @param continuationsTopic where the writer appends the next steps of long changes: the
     *     command log, except in replays
     */
    public static Topology build(ProcessingStats stats, int memberChunk, String continuationsTopic) {
        return writer(stats, memberChunk, continuationsTopic);
    }

    /** The application id of the view keyed by title, next to the writer's. */
    public static String listViewApplicationId(String writerApplicationId) {
        return writerApplicationId + "-lists";
    }

    /**
     * The view keyed by Access List title: a topology of its own that folds the membership topic
     * (keyed by title) into each list's current members, counts and history. It runs in a Kafka
     * Streams instance of its own ({@link #listViewApplicationId}), a downstream consumer like any
     * other: a burst of membership changes it has to catch up on (a group of a million members)
     * never takes the writer's thread.
     */
    public static Topology listView() {
        Topology topology = new Topology();
        addListView(topology);
        return topology;
    }

    private static void addListView(Topology topology) {
        topology.addSource(MEMBERSHIP_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.MEMBERSHIP.name());
        topology.addProcessor(LIST_VIEW, ListViewProcessor::new, MEMBERSHIP_SOURCE);
        topology.addStateStore(store(ListViewStores.MEMBERS, JsonSerde.of(ListMember.class)), LIST_VIEW);
        topology.addStateStore(store(ListViewStores.HISTORY, JsonSerde.of(ListHistoryEntry.class)), LIST_VIEW);
        topology.addStateStore(store(ListViewStores.COUNTS, JsonSerde.of(ListCounts.class)), LIST_VIEW);
    }

    private static Topology writer(ProcessingStats stats, int memberChunk, String continuationsTopic) {
        Topology topology = new Topology();
        topology.addSource(COMMANDS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.COMMANDS.name());
        topology.addProcessor(PROCESSOR, () -> new CommandProcessor(stats, memberChunk), COMMANDS_SOURCE);
        topology.addStateStore(store(StoreNames.USERS, JsonSerde.of(StoredUser.class)), PROCESSOR);
        topology.addStateStore(store(StoreNames.USER_NAMES, Serdes.String()), PROCESSOR);
        topology.addStateStore(store(StoreNames.GROUPS, JsonSerde.of(StoredGroup.class)), PROCESSOR);
        topology.addStateStore(store(StoreNames.GROUP_LISTS, Serdes.String()), PROCESSOR);
        topology.addStateStore(store(StoreNames.MEMBERS, JsonSerde.of(Member.class)), PROCESSOR);
        topology.addStateStore(store(StoreNames.USER_GROUPS, Serdes.String()), PROCESSOR);
        topology.addStateStore(store(StoreNames.PROGRESS, Serdes.Long()), PROCESSOR);
        topology.addStateStore(store(StoreNames.ACCESS_LISTS, Topics.ACCESS_LISTS.valueSerde()), PROCESSOR);
        topology.addStateStore(store(StoreNames.RECENT_REQUESTS, JsonSerde.of(RecentRequest.class)), PROCESSOR);
        topology.addStateStore(store(StoreNames.RECENT_REQUEST_EXPIRY, Serdes.String()), PROCESSOR);
        topology.addStateStore(store(StoreNames.COUNTS, Serdes.Long()), PROCESSOR);
        topology.addStateStore(store(StoreNames.USER_EXTERNAL_IDS, Serdes.String()), PROCESSOR);
        topology.addStateStore(store(StoreNames.GROUP_NAMES, Serdes.String()), PROCESSOR);
        topology.addStateStore(store(StoreNames.GROUP_JOBS, JsonSerde.of(dev.accesslists.scim.schemas.directory.GroupJob.class)),
                PROCESSOR);
        topology.addStateStore(store(StoreNames.RECENT_CHANGES, JsonSerde.of(MembershipChange.class)), PROCESSOR);
        topology.addStateStore(store(StoreNames.EFFECTIVE_GRANTS,
                JsonSerde.of(dev.accesslists.scim.schemas.grants.EffectiveGrants.class)), PROCESSOR);
        topology.addStateStore(store(StoreNames.DIRECTORY_CONNECTORS, Serdes.String()), PROCESSOR);
        for (Sinks.Sink<?, ?> sink : Sinks.all()) {
            sink(topology, sink, sink == Sinks.CONTINUATIONS ? continuationsTopic : sink.topic().name());
        }
        return topology;
    }

    /** The changelog topics Kafka Streams creates for the writer's stores and the view's. */
    public static List<String> changelogTopics(String applicationId) {
        return java.util.stream.Stream.concat(
                StoreNames.all().stream().map(store -> applicationId + "-" + store + "-changelog"),
                ListViewStores.all().stream().map(store -> listViewApplicationId(applicationId) + "-" + store
                        + "-changelog")).toList();
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
                .withLoggingEnabled(Topics.LARGE_RECORDS);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void sink(Topology topology, Sinks.Sink<K, V> sink, String topic) {
        Serializer<Object> keys = (Serializer<Object>) sink.topic().keySerde().serializer();
        Serializer<Object> values = (Serializer<Object>) sink.topic().valueSerde().serializer();
        topology.addSink(sink.name(), topic, keys, values, PROCESSOR);
    }
}
