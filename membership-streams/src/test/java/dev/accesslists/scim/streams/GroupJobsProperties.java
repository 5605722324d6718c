package dev.accesslists.scim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.command.PatchOperation;
import dev.accesslists.scim.schemas.directory.GroupView;
import dev.accesslists.scim.schemas.directory.Member;
import dev.accesslists.scim.schemas.directory.StoredGroup;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.streams.directory.ProcessingStats;
import dev.accesslists.scim.streams.directory.StoreNames;
import dev.accesslists.scim.streams.query.DirectoryQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Changes of a whole group's members (delete, replace, relink) are carried out in steps of a few
 * members, each step a command on the log. Here a step holds 3 members and the steps are
 * delivered whenever the test likes, between any other commands: the membership changes must
 * still tell each membership's story in order, end where the state ends, and replay exactly.
 */
class GroupJobsProperties {
    private static final String DIR = "dir-1";
    private static final String CONTINUATIONS = "test.continuations";
    private static final int CHUNK = 3;
    private static final List<String> USERS = List.of("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8");
    private static final List<String> TITLES = List.of("Admins", "Readers");

    /** The writer with its steps held back, and everything piped into it, in order. */
    static final class Writer implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, CommandEnvelope> commands;
        final TestOutputTopic<String, CommandEnvelope> continuations;
        final TestOutputTopic<String, Outcome> outcomes;
        final TestOutputTopic<String, MembershipChange> membership;
        final Deque<CommandEnvelope> pending = new ArrayDeque<>();
        final List<CommandEnvelope> log = new ArrayList<>();
        final List<MembershipChange> changes = new ArrayList<>();
        int sequence;

        Writer(Topology topology) {
            Properties props = TestDrivers.settings("group-jobs");
            driver = new TopologyTestDriver(topology, props);
            commands = driver.createInputTopic(Topics.COMMANDS.name(), Serdes.String().serializer(),
                    Topics.COMMANDS.valueSerde().serializer());
            continuations = driver.createOutputTopic(CONTINUATIONS, Serdes.String().deserializer(),
                    Topics.COMMANDS.valueSerde().deserializer());
            outcomes = driver.createOutputTopic(Topics.OUTCOMES.name(), Serdes.String().deserializer(),
                    Topics.OUTCOMES.valueSerde().deserializer());
            membership = driver.createOutputTopic(Topics.MEMBERSHIP.name(), Serdes.String().deserializer(),
                    Topics.MEMBERSHIP.valueSerde().deserializer());
        }

        static Writer withLists() {
            Writer writer = new Writer(MembershipTopology.build(new ProcessingStats(), CHUNK, CONTINUATIONS));
            for (String title : TITLES) {
                writer.pipe(new CommandEnvelope("list-" + title, CommandEnvelope.ALL_DIRECTORIES, "admin",
                        Instant.parse("2026-01-01T00:00:00Z"), new Command.ApplyAccessList(new AccessList(
                        AccessList.KIND, AccessList.VERSION, new AccessList.Metadata("list-" + title, null, null),
                        new AccessList.Spec(title, null, AccessList.TYPE_SCIM, AccessList.Grants.none(), null, null,
                                null, null)))));
            }
            return writer;
        }

        /** Sends a client command; its outcome. */
        Outcome send(Command command) {
            pipe(new CommandEnvelope("r-" + sequence, DIR, "integration-1",
                    Instant.parse("2026-01-01T00:00:01Z").plusMillis(sequence++), command));
            List<Outcome> answers = outcomes.readValuesToList();
            assertThat(answers).hasSize(1);
            return answers.get(0);
        }

        /** Delivers the oldest step the writer appended, if any. */
        boolean step() {
            if (pending.isEmpty()) {
                return false;
            }
            pipe(pending.removeFirst());
            assertThat(outcomes.readValuesToList()).as("a step has no outcome").isEmpty();
            return true;
        }

        void drain() {
            while (step()) {
                // until every change of a whole group is done
            }
        }

        void pipe(CommandEnvelope envelope) {
            log.add(envelope);
            commands.pipeInput(envelope.directoryId(), envelope);
            pending.addAll(continuations.readValuesToList());
            changes.addAll(membership.readValuesToList());
        }

        <V> Map<String, V> store(String name) {
            KeyValueStore<String, V> store = driver.getKeyValueStore(name);
            Map<String, V> entries = new TreeMap<>();
            try (KeyValueIterator<String, V> it = store.all()) {
                it.forEachRemaining((KeyValue<String, V> kv) -> entries.put(kv.key, kv.value));
            }
            return entries;
        }

        DirectoryQueries queries() {
            return new DirectoryQueries(() -> null, Duration.ZERO, name -> driver.getKeyValueStore(name));
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    /** What a test does next: a client command, or delivering a pending step. */
    record Action(Command command) {
        boolean isStep() {
            return command == null;
        }
    }

    @Property(tries = 40)
    void shouldTellEveryMembershipInOrderEndWhereTheStateEndsAndReplayExactly(@ForAll("scripts") List<Action> script) {
        try (Writer writer = Writer.withLists()) {
            for (String user : USERS) {
                writer.send(new Command.CreateUser(user, user(user)));
            }
            for (Action action : script) {
                if (action.isStep()) {
                    writer.step();
                } else {
                    Outcome outcome = writer.send(action.command());
                    assertThat(outcome.status()).as("outcome of %s", action.command()).isNotEqualTo(500);
                }
            }
            writer.drain();

            // each membership, told by (title, group, user), goes absent -> present -> absent ...
            Map<String, Boolean> present = new TreeMap<>();
            for (MembershipChange change : writer.changes) {
                String key = change.accessList().title() + " " + change.groupId() + " " + change.userId();
                boolean was = present.getOrDefault(key, false);
                switch (change.change()) {
                    case ADDED -> {
                        assertThat(was).as("ADDED while present: %s", key).isFalse();
                        present.put(key, true);
                    }
                    case REMOVED -> {
                        assertThat(was).as("REMOVED while absent: %s", key).isTrue();
                        present.put(key, false);
                    }
                    default -> assertThat(was).as("%s while absent: %s", change.change(), key).isTrue();
                }
            }
            // and ends where the state ends
            Map<String, StoredGroup> groups = writer.store(StoreNames.GROUPS);
            Map<String, Member> members = writer.store(StoreNames.MEMBERS);
            TreeSet<String> fromState = new TreeSet<>();
            members.forEach((key, member) -> {
                String groupId = key.split("/")[1];
                StoredGroup group = groups.get(StoreNames.key(DIR, groupId));
                assertThat(group).as("member %s of a group that no longer exists", key).isNotNull();
                assertThat(member.epoch()).as("member %s brought up to date", key).isEqualTo(group.epoch());
                fromState.add(group.displayName() + " " + groupId + " " + member.userId());
            });
            TreeSet<String> fromChanges = new TreeSet<>();
            present.forEach((key, isPresent) -> {
                if (isPresent) {
                    fromChanges.add(key);
                }
            });
            assertThat(fromChanges).isEqualTo(fromState);
            assertThat(writer.store(StoreNames.GROUP_JOBS)).as("no job left").isEmpty();

            // a replay of the recorded log, steps where they were recorded, says the same
            try (Writer replay = new Writer(MembershipTopology.forReplay(CONTINUATIONS, CHUNK))) {
                writer.log.forEach(replay::pipe);
                assertThat(replay.changes).isEqualTo(writer.changes);
            }
        }
    }

    @Test
    void shouldHideADeletedGroupAtOnceAndKeepItsListUntilItsMembersLeft() {
        try (Writer writer = Writer.withLists()) {
            for (String user : USERS) {
                writer.send(new Command.CreateUser(user, user(user)));
            }
            assertThat(writer.send(new Command.CreateGroup("g1", "Admins", null, USERS)).status()).isEqualTo(201);
            writer.changes.clear();

            assertThat(writer.send(new Command.DeleteGroup("g1")).status()).isEqualTo(204);
            assertThat(writer.changes).as("the first step, in the DELETE itself").hasSize(CHUNK);
            assertThat(writer.pending).hasSize(1);
            assertThat(writer.queries().group(DIR, "g1", true)).isEmpty();
            Outcome relink = writer.send(new Command.CreateGroup("g2", "Admins", null, List.of()));
            assertThat(relink.status()).isEqualTo(503);
            assertThat(relink.detail()).contains("still being released");

            // a member the steps have not reached yet is deleted: its REMOVED comes now, once
            writer.send(new Command.DeleteUser("u8"));
            writer.drain();
            assertThat(writer.changes).extracting(MembershipChange::userId).containsExactlyInAnyOrderElementsOf(USERS);
            assertThat(writer.changes).allSatisfy(c -> {
                assertThat(c.change()).isEqualTo(MembershipChange.ChangeKind.REMOVED);
                assertThat(c.cause().requestId()).as("caused by the DELETE").isEqualTo("r-10");
            });
            assertThat(writer.send(new Command.CreateGroup("g2", "Admins", null, List.of())).status()).isEqualTo(201);
        }
    }

    @Test
    void shouldShowTheNewMembersAtOnceAndRefuseAnotherWholeGroupChangeUntilDone() {
        try (Writer writer = Writer.withLists()) {
            for (String user : USERS) {
                writer.send(new Command.CreateUser(user, user(user)));
            }
            writer.send(new Command.CreateGroup("g1", "Admins", null, USERS));
            Outcome replaced = writer.send(new Command.ReplaceGroup("g1", "Admins", null, List.of("u7", "u8")));
            assertThat(replaced.status()).isEqualTo(200);
            assertThat(writer.pending).isNotEmpty();
            Optional<GroupView> group = writer.queries().group(DIR, "g1", true);
            assertThat(group.orElseThrow().members()).extracting(GroupView.MemberView::userId)
                    .containsExactly("u7", "u8");
            assertThat(writer.send(new Command.PatchGroup("g1", List.of(new GroupEdit.SetDisplayName("Readers"))))
                    .status()).isEqualTo(503);
            // a one-member change is fine meanwhile
            assertThat(writer.send(new Command.PatchGroup("g1", List.of(new GroupEdit.AddMembers(List.of("u0")))))
                    .status()).isEqualTo(204);
            writer.drain();
            assertThat(writer.queries().group(DIR, "g1", true).orElseThrow().members())
                    .extracting(GroupView.MemberView::userId).containsExactly("u0", "u7", "u8");
            assertThat(writer.send(new Command.PatchGroup("g1", List.of(new GroupEdit.SetDisplayName("Readers"))))
                    .status()).isEqualTo(204);
        }
    }

    @Provide
    Arbitrary<List<Action>> scripts() {
        Arbitrary<String> user = Arbitraries.of(USERS);
        Arbitrary<String> group = Arbitraries.of("g1", "g2");
        Arbitrary<String> title = Arbitraries.of(TITLES);
        Arbitrary<List<String>> some = user.list().ofMaxSize(3);
        Arbitrary<List<String>> many = user.list().ofMinSize(4).ofMaxSize(9);
        Arbitrary<Command> command = Arbitraries.oneOf(
                Combinators.combine(group, title, many).as((g, t, m) -> new Command.CreateGroup(g, t, null, m)),
                Combinators.combine(group, title, some).as((g, t, m) -> new Command.ReplaceGroup(g, t, null, m)),
                Combinators.combine(group, title).as((g, t) -> new Command.ReplaceGroup(g, t, null, null)),
                Combinators.combine(group, some).as((g, m) -> new Command.PatchGroup(g,
                        List.of(new GroupEdit.AddMembers(m)))),
                Combinators.combine(group, some).as((g, m) -> new Command.PatchGroup(g,
                        List.of(new GroupEdit.RemoveMembers(m)))),
                Combinators.combine(group, title, some).as((g, t, m) -> new Command.PatchGroup(g,
                        List.of(new GroupEdit.SetDisplayName(t), new GroupEdit.ReplaceMembers(m)))),
                group.map(Command.DeleteGroup::new),
                user.map(Command.DeleteUser::new),
                user.map(u -> new Command.CreateUser(u, user(u))),
                Combinators.combine(user, Arbitraries.of(true, false)).as((u, active) -> new Command.PatchUser(u,
                        List.of(new PatchOperation("replace", "active",
                                Json.mapper().getNodeFactory().booleanNode(active))))),
                user.map(u -> new Command.PatchUser(u, List.of(new PatchOperation("replace", "userName",
                        Json.mapper().getNodeFactory().textNode(u + "-renamed"))))));
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, command.map(Action::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Action(null))));
        return action.list().ofMinSize(5).ofMaxSize(40);
    }

    private static ObjectNode user(String userName) {
        ObjectNode user = Json.mapper().createObjectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        user.put("userName", userName);
        user.put("active", true);
        return user;
    }
}
