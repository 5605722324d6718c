package dev.accesslists.scim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.command.PatchOperation;
import dev.accesslists.scim.streams.directory.StoreNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A write is answered on its outcome before the writer's transaction commits, which is only
 * right if processing the same log again gives the same outcome. The same random command log is
 * processed by two writers that start at different wall-clock times and see the clock move
 * differently while they work: every outcome, event and membership change, and the final state,
 * must be equal byte for byte. A processor that read the clock or drew a random id would fail.
 */
class DeterminismProperties {
    private static final String DIR = "dir-1";
    private static final List<String> USERS = List.of("u0", "u1", "u2", "u3", "u4");
    private static final List<String> GROUPS = List.of("g0", "g1", "g2");
    private static final List<String> TITLES = List.of("Admins", "Requesters", "Readers", "Static");

    @Property(tries = 25)
    void shouldProduceTheSameOutputsAndStateWhenTheSameLogIsProcessedAgain(
            @ForAll("logs") List<Command> log) {
        Run first = run(log, Instant.parse("2026-01-01T00:00:00Z"), Duration.ZERO);
        Run second = run(log, Instant.parse("2031-06-15T12:34:56Z"), Duration.ofMillis(1777));
        assertThat(second.outputs()).isEqualTo(first.outputs());
        assertThat(second.state()).isEqualTo(first.state());
        assertThat(first.outputs().get(Topics.OUTCOMES.name())).hasSize(log.size());
    }

    record Run(Map<String, List<String>> outputs, Map<String, Map<String, String>> state) {
    }

    private static Run run(List<Command> log, Instant wallClock, Duration clockStep) {
        Properties props = TestDrivers.settings("determinism");
        try (TopologyTestDriver driver = new TopologyTestDriver(MembershipTopology.build(), props, wallClock)) {
            TestInputTopic<String, CommandEnvelope> commands = driver.createInputTopic(Topics.COMMANDS.name(),
                    Serdes.String().serializer(), Topics.COMMANDS.valueSerde().serializer());
            Instant at = Instant.parse("2026-03-01T00:00:00Z");
            int sequence = 0;
            for (String title : TITLES) {
                AccessList list = new AccessList(AccessList.KIND, AccessList.VERSION,
                        new AccessList.Metadata("list-" + title.toLowerCase(), null, null),
                        new AccessList.Spec(title, null, title.equals("Static") ? "static" : AccessList.TYPE_SCIM,
                                new AccessList.Grants(List.of(title.toLowerCase()), Map.of()), null, null, null,
                                null));
                commands.pipeInput(CommandEnvelope.ALL_DIRECTORIES, new CommandEnvelope("list-" + sequence++,
                        CommandEnvelope.ALL_DIRECTORIES, "operator", at, new Command.ApplyAccessList(list)));
            }
            for (Command command : log) {
                // commands from several ingest instances: timestamps are not always increasing
                at = at.plusMillis(sequence % 3 == 0 ? -5 : 7);
                commands.pipeInput(DIR, new CommandEnvelope("r-" + sequence++, DIR, "integration-1", at, command));
                driver.advanceWallClockTime(clockStep);
            }
            Map<String, List<String>> outputs = new TreeMap<>();
            for (String topic : List.of(Topics.OUTCOMES.name(), Topics.EVENTS.name(), Topics.MEMBERSHIP.name())) {
                List<String> records = new ArrayList<>();
                driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
                        .readRecordsToList().forEach(r -> records.add(r.key() + " @" + r.timestamp() + " "
                                + new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)));
                outputs.put(topic, records);
            }
            Map<String, Map<String, String>> state = new TreeMap<>();
            for (String name : StoreNames.all()) {
                KeyValueStore<String, Object> store = driver.getKeyValueStore(name);
                Map<String, String> entries = new TreeMap<>();
                try (KeyValueIterator<String, Object> it = store.all()) {
                    while (it.hasNext()) {
                        KeyValue<String, Object> entry = it.next();
                        entries.put(entry.key, json(entry.value));
                    }
                }
                state.put(name, entries);
            }
            return new Run(outputs, state);
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<Command>> logs() {
        return command().list().ofMinSize(5).ofMaxSize(40);
    }

    private static Arbitrary<Command> command() {
        Arbitrary<String> user = Arbitraries.of(USERS);
        Arbitrary<String> group = Arbitraries.of(GROUPS);
        Arbitrary<String> title = Arbitraries.of(TITLES);
        Arbitrary<String> name = Arbitraries.of("alice", "Alice", "bob", "carol", "dave");
        Arbitrary<List<String>> members = user.list().ofMaxSize(4);
        Arbitrary<GroupEdit> edit = Arbitraries.oneOf(
                members.map(GroupEdit.AddMembers::new),
                members.map(GroupEdit.RemoveMembers::new),
                members.map(GroupEdit.ReplaceMembers::new),
                title.map(GroupEdit.SetDisplayName::new));
        return Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(user, name).as((id, n) -> new Command.CreateUser(id, resource(n))),
                net.jqwik.api.Combinators.combine(user, name).as((id, n) -> new Command.ReplaceUser(id, resource(n))),
                net.jqwik.api.Combinators.combine(user, Arbitraries.of(true, false)).as((id, active) ->
                        new Command.PatchUser(id, List.of(new PatchOperation("replace", "active",
                                Json.mapper().getNodeFactory().booleanNode(active))))),
                user.map(Command.DeleteUser::new),
                net.jqwik.api.Combinators.combine(group, title, members).as((id, t, m) ->
                        new Command.CreateGroup(id, t, null, m)),
                net.jqwik.api.Combinators.combine(group, edit.list().ofMinSize(1).ofMaxSize(3)).as(
                        Command.PatchGroup::new),
                group.map(Command.DeleteGroup::new));
    }

    private static ObjectNode resource(String userName) {
        ObjectNode user = Json.mapper().createObjectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        user.put("userName", userName);
        user.put("active", true);
        return user;
    }
}
