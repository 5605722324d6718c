package dev.accesslists.scim.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.launcher.drill.LogReplay;
import dev.accesslists.scim.streams.directory.StoreNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Consistency point 2 of the README (deterministic processing): re-processing the whole command log of the real broker into
 * empty state reproduces the live state and the live membership changes and events, byte for
 * byte. The log is the only input: Access List changes are commands in it too.
 */
class ReplayIT {
    private static final List<String> STORES = StoreNames.all();

    @Test
    void shouldReproduceStateAndEventsWhenReplayingTheCommandLog() throws Exception {
        // Given live traffic: users, a group, membership changes, a deactivation and a re-activation
        TestStack env = TestStack.get();
        ScimClient idp = env.newDirectoryClient("replay");
        String group = idp.post("/Groups", "{\"displayName\":\"GroupRequester\"}").body().get("id").asText();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(idp.post("/Users", "{\"userName\":\"replay-" + i + "\"}").body().get("id").asText());
        }
        for (String id : ids) {
            assertThat(idp.patch("/Groups/" + group, "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\","
                    + "\"value\":[{\"value\":\"" + id + "\"}]}]}").status()).isEqualTo(204);
        }
        idp.patch("/Users/" + ids.get(0), "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"False\"}]}");
        idp.patch("/Users/" + ids.get(0), "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]}");
        idp.patch("/Groups/" + group, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\""
                + ids.get(1) + "\\\"]\"}]}");
        idp.delete("/Users/" + ids.get(2));

        // and an Access List whose grants change between two membership changes
        env.stack.apply(List.of(replayList("v1")));
        String listGroup = idp.post("/Groups", "{\"displayName\":\"Replay Auditors\",\"members\":[{\"value\":\""
                + ids.get(3) + "\"}]}").body().get("id").asText();
        env.stack.apply(List.of(replayList("v2")));
        assertThat(idp.patch("/Groups/" + listGroup, "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\","
                + "\"value\":[{\"value\":\"" + ids.get(4) + "\"}]}]}").status()).isEqualTo(204);
        String bootstrap = env.kafka.bootstrapServers();
        assertThat(live(bootstrap, Topics.MEMBERSHIP.name()).entrySet().stream()
                .filter(e -> e.getKey().startsWith("Replay Auditors"))
                .flatMap(e -> e.getValue().stream()).toList())
                .satisfiesExactly(first -> assertThat(first).contains("auditor-v1"),
                        second -> assertThat(second).contains("auditor-v2"));

        // When the whole command log is processed again into empty state, a task per partition as live
        List<ConsumerRecord<String, byte[]>> log = TopicReader.readAll(bootstrap, Topics.COMMANDS.name());
        try (LogReplay replay = new LogReplay(log)) {
            // Then the membership changes, effective grants and domain events equal the live ones, per key
            assertThat(replayed(replay, Topics.MEMBERSHIP.name())).isEqualTo(live(bootstrap, Topics.MEMBERSHIP.name()));
            assertThat(replayed(replay, Topics.GRANTS.name())).isEqualTo(live(bootstrap, Topics.GRANTS.name()));
            assertThat(replayed(replay, Topics.EVENTS.name())).isEqualTo(live(bootstrap, Topics.EVENTS.name()));
            long directoryCommands = log.stream().filter(r -> !new String(r.value(),
                    java.nio.charset.StandardCharsets.UTF_8).contains("\"directoryId\":\"*\"")).count();
            assertThat(replayed(replay, Topics.OUTCOMES.name()).values().stream().mapToInt(List::size).sum())
                    .isEqualTo(directoryCommands);

            // And the state equals the live state entry for entry
            KafkaStreams streams = env.stack.streams().kafkaStreams();
            for (String store : STORES) {
                assertThat(replay.store(store, ReplayIT::comparable, ReplayIT::text)).as(store)
                        .isEqualTo(liveStore(streams, store));
            }
            assertThat(liveStore(streams, StoreNames.USERS)).isNotEmpty();
        }
    }

    private static AccessList replayList(String version) {
        return new AccessList(AccessList.KIND, AccessList.VERSION,
                new AccessList.Metadata("replay-auditors", null, null),
                new AccessList.Spec("Replay Auditors", null, AccessList.TYPE_SCIM,
                        new AccessList.Grants(List.of("auditor-" + version), Map.of()),
                        List.of(new AccessList.Owner("admin", null)), null, null, null));
    }


    /** Values grouped by record key and, inside it, by the directory that caused them, in order. */
    private static Map<String, List<String>> live(String bootstrap, String topic) {
        Map<String, List<String>> grouped = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(bootstrap, topic)) {
            add(grouped, r.key(), r.value());
        }
        return grouped;
    }

    private static Map<String, List<String>> replayed(LogReplay replay, String topic) {
        Map<String, List<String>> grouped = new TreeMap<>();
        replay.output(topic).forEach(r -> add(grouped, r.key(), r.value()));
        return grouped;
    }

    private static void add(Map<String, List<String>> grouped, String key, byte[] value) {
        if (value == null) {
            // a tombstone of the grants topic: its key names the directory
            grouped.computeIfAbsent(key + " | ", k -> new ArrayList<>()).add("null");
            return;
        }
        String directory;
        try {
            directory = Json.mapper().readTree(value).at("/cause/directoryId").asText("");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        grouped.computeIfAbsent(key + " | " + directory, k -> new ArrayList<>())
                .add(new String(value, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The per-partition bookkeeping of commands for all directories ("*", Access List changes) is
     * left out: each task keeps its own, and the live store read over all tasks shows one of them.
     */
    private static boolean comparable(String key) {
        return !key.equals("*");
    }

    private static String text(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> liveStore(KafkaStreams streams, String name) throws Exception {
        ReadOnlyKeyValueStore<String, Object> store = streams.store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.keyValueStore()));
        Map<String, String> entries = new TreeMap<>();
        try (KeyValueIterator<String, Object> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                if (comparable(kv.key)) {
                    entries.put(kv.key, Json.mapper().writeValueAsString(kv.value));
                }
            }
        }
        return entries;
    }
}
