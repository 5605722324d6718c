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
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.schemas.event.MembershipChange.ChangeKind;
import dev.accesslists.scim.streams.directory.StoreNames;
import dev.accesslists.scim.streams.lists.ListCounts;
import dev.accesslists.scim.streams.lists.ListHistoryEntry;
import dev.accesslists.scim.streams.lists.ListMember;
import dev.accesslists.scim.streams.lists.ListViewStores;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fast checks of the processor's rules; the real-broker behaviour is tested in the launcher module. */
class MembershipTopologyTest {
    private static final String DIR = "dir-1";
    private TopologyTestDriver driver;
    private TestInputTopic<String, CommandEnvelope> commands;
    private TestOutputTopic<String, Outcome> outcomes;
    private TestOutputTopic<String, MembershipChange> membership;
    private int sequence;

    @BeforeEach
    void setUp() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("tt-").toString());
        driver = new TopologyTestDriver(MembershipTopology.build(), props);
        commands = driver.createInputTopic(Topics.COMMANDS.name(), Serdes.String().serializer(),
                Topics.COMMANDS.valueSerde().serializer());
        applyList(list("scim-group-requester", "GroupRequester", "scim"));
        applyList(list("scim-admins", "Admins", "scim"));
        applyList(list("static-list", "StaticList", "static"));
        outcomes = driver.createOutputTopic(Topics.OUTCOMES.name(), Serdes.String().deserializer(),
                Topics.OUTCOMES.valueSerde().deserializer());
        membership = driver.createOutputTopic(Topics.MEMBERSHIP.name(), Serdes.String().deserializer(),
                Topics.MEMBERSHIP.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldRejectASecondUserWithTheSameUserNameInAnyCase() {
        assertThat(send(new Command.CreateUser("u1", user("Alice"))).status()).isEqualTo(201);
        Outcome duplicate = send(new Command.CreateUser("u2", user("alice")));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.scimType()).isEqualTo("uniqueness");
    }

    @Test
    void shouldLinkOnlyGroupsWhoseDisplayNameIsTheTitleOfAScimList() {
        assertThat(send(new Command.CreateGroup("g1", "GroupRequester", null, List.of())).status()).isEqualTo(201);
        Outcome missing = send(new Command.CreateGroup("g2", "Nope", null, List.of()));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).contains("Nope");
        assertThat(send(new Command.CreateGroup("g3", "StaticList", null, List.of())).status()).isEqualTo(404);
        assertThat(send(new Command.CreateGroup("g4", "GroupRequester", null, List.of())).scimType())
                .isEqualTo("uniqueness");
    }

    @Test
    void shouldEmitAddedSuspendedRestoredAndRemovedKeyedByTitle() {
        send(new Command.CreateUser("u1", user("alice")));
        send(new Command.CreateGroup("g1", "GroupRequester", null, List.of()));
        send(new Command.PatchGroup("g1", List.of(new GroupEdit.AddMembers(List.of("u1")))));
        send(new Command.PatchUser("u1", List.of(new PatchOperation("replace", "active",
                Json.mapper().getNodeFactory().textNode("False")))));
        send(new Command.ReplaceUser("u1", user("alice")));
        send(new Command.DeleteUser("u1"));

        var records = membership.readRecordsToList();
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo("GroupRequester"));
        assertThat(records).extracting(r -> r.value().change())
                .containsExactly(ChangeKind.ADDED, ChangeKind.SUSPENDED, ChangeKind.RESTORED, ChangeKind.REMOVED);
        MembershipChange added = records.get(0).value();
        assertThat(added.accessList().grants().roles()).containsExactly("requester");
        assertThat(added.userName()).isEqualTo("alice");
        assertThat(added.cause().timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:03Z"));
    }

    @Test
    void shouldKeepTheViewByTitleAndTheDirectorysRecentChanges() {
        send(new Command.CreateUser("u1", user("alice")));
        send(new Command.CreateUser("u2", user("bob")));
        send(new Command.CreateGroup("g1", "GroupRequester", null, List.of("u1", "u2")));
        send(new Command.PatchUser("u1", List.of(new PatchOperation("replace", "active",
                Json.mapper().getNodeFactory().booleanNode(false)))));
        send(new Command.PatchUser("u2", List.of(new PatchOperation("replace", "userName",
                Json.mapper().getNodeFactory().textNode("bobby")))));
        send(new Command.PatchGroup("g1", List.of(new GroupEdit.RemoveMembers(List.of("u1")))));

        // the view is a topology of its own, fed by the membership topic the writer wrote
        try (TopologyTestDriver view = new TopologyTestDriver(MembershipTopology.listView(),
                TestDrivers.settings("list-view-test"))) {
            TestInputTopic<String, MembershipChange> changes = view.createInputTopic(Topics.MEMBERSHIP.name(),
                    Serdes.String().serializer(), Topics.MEMBERSHIP.valueSerde().serializer());
            membership.readRecordsToList().forEach(changes::pipeInput);
            assertTheView(view);
        }

        org.apache.kafka.streams.state.KeyValueStore<String, MembershipChange> recent =
                driver.getKeyValueStore(StoreNames.RECENT_CHANGES);
        List<ChangeKind> kinds = new java.util.ArrayList<>();
        try (var it = recent.prefixScan(StoreNames.prefix(DIR), Serdes.String().serializer())) {
            it.forEachRemaining(kv -> kinds.add(kv.value.change()));
        }
        assertThat(kinds).containsExactly(ChangeKind.ADDED, ChangeKind.ADDED, ChangeKind.SUSPENDED,
                ChangeKind.UPDATED, ChangeKind.REMOVED);
    }

    @Test
    void shouldStartAndSuspendAtOnceWhenAnInactiveUserIsAddedAndTellRenames() {
        send(new Command.CreateUser("u1", user("alice")));
        send(new Command.PatchUser("u1", List.of(new PatchOperation("replace", "active",
                Json.mapper().getNodeFactory().booleanNode(false)))));
        send(new Command.CreateGroup("g1", "GroupRequester", null, List.of("u1")));
        send(new Command.PatchUser("u1", List.of(new PatchOperation("replace", "userName",
                Json.mapper().getNodeFactory().textNode("alice2")))));
        var changes = membership.readValuesToList();
        assertThat(changes).extracting(MembershipChange::change)
                .containsExactly(ChangeKind.ADDED, ChangeKind.SUSPENDED, ChangeKind.UPDATED);
        assertThat(changes.get(2).userName()).isEqualTo("alice2");
        assertThat(changes.get(2).previousUserName()).isEqualTo("alice");
    }

    @Test
    void shouldNeverMoveLastModifiedBackwardsNorRestoreAccessByRemovingActive() {
        sendAt(Instant.parse("2026-01-01T00:00:10Z"), new Command.CreateUser("u1", user("alice")));
        sendAt(Instant.parse("2026-01-01T00:00:11Z"), new Command.PatchUser("u1", List.of(
                new PatchOperation("replace", "active", Json.mapper().getNodeFactory().booleanNode(false)))));
        // a command stamped earlier (another ingest instance, a race) is applied later
        Outcome removed = sendAt(Instant.parse("2026-01-01T00:00:05Z"), new Command.PatchUser("u1", List.of(
                new PatchOperation("remove", "active", null))));
        assertThat(removed.resource().get("lastModified").asText()).isEqualTo("2026-01-01T00:00:11Z");
        assertThat(removed.resource().at("/attributes/active").asBoolean()).isFalse();
    }

    @Test
    void shouldRejectUnknownMembersAndChangeNothing() {
        send(new Command.CreateUser("u1", user("alice")));
        send(new Command.CreateGroup("g1", "GroupRequester", null, List.of()));
        Outcome outcome = send(new Command.PatchGroup("g1",
                List.of(new GroupEdit.AddMembers(List.of("u1", "ghost")))));
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.scimType()).isEqualTo("invalidValue");
        assertThat(membership.isEmpty()).isTrue();
        assertThat(driver.<String, Object>getKeyValueStore(StoreNames.MEMBERS).approximateNumEntries()).isZero();
    }

    @Test
    void shouldRemoveOnlyTheNamedMembersAndEmptyTheGroupOnReplaceWithNothing() {
        for (String id : List.of("u1", "u2", "u3")) {
            send(new Command.CreateUser(id, user(id)));
        }
        send(new Command.CreateGroup("g1", "GroupRequester", null, List.of("u1", "u2", "u3")));
        send(new Command.PatchGroup("g1", List.of(new GroupEdit.RemoveMembers(List.of("u2")))));
        assertThat(members("g1")).containsOnlyKeys(key("g1", "u1"), key("g1", "u3"));
        send(new Command.PatchGroup("g1", List.of(new GroupEdit.ReplaceMembers(List.of()))));
        assertThat(members("g1")).isEmpty();
    }

    @Test
    void shouldMoveMembersWhenTheGroupIsRenamedToAnotherScimListTitle() {
        send(new Command.CreateUser("u1", user("alice")));
        send(new Command.CreateGroup("g1", "GroupRequester", null, List.of("u1")));
        membership.readRecordsToList();
        Outcome renamed = send(new Command.PatchGroup("g1", List.of(new GroupEdit.SetDisplayName("Admins"))));
        assertThat(renamed.status()).isEqualTo(204);
        assertThat(membership.readRecordsToList()).extracting(r -> r.key() + ":" + r.value().change())
                .containsExactly("GroupRequester:REMOVED", "Admins:ADDED");
    }

    @Test
    void shouldStopManagingAGroupWhoseListIsNoLongerScim() {
        send(new Command.CreateUser("u1", user("alice")));
        send(new Command.CreateGroup("g1", "GroupRequester", null, List.of()));
        applyList(list("scim-group-requester", "GroupRequester", "static"));
        Outcome outcome = send(new Command.PatchGroup("g1", List.of(new GroupEdit.AddMembers(List.of("u1")))));
        assertThat(outcome.status()).isEqualTo(404);
        assertThat(outcome.detail()).contains("no longer of type scim");
        assertThat(send(new Command.DeleteGroup("g1")).status()).isEqualTo(204);
    }

    @Test
    void shouldUnlinkOnDeleteAndKeepTheAccessList() {
        send(new Command.CreateUser("u1", user("alice")));
        send(new Command.CreateGroup("g1", "GroupRequester", null, List.of("u1")));
        assertThat(send(new Command.DeleteGroup("g1")).status()).isEqualTo(204);
        assertThat(send(new Command.CreateGroup("g2", "GroupRequester", null, List.of())).status()).isEqualTo(201);
    }

    /** Access List changes come through the command log, as the publisher writes them. */
    private void applyList(AccessList list) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        commands.pipeInput("accesslist:" + list.name(), new CommandEnvelope("list-" + list.name(),
                CommandEnvelope.ALL_DIRECTORIES, "access-list-admin", at,
                new Command.ApplyAccessList(list)), at);
    }

    private Outcome send(Command command) {
        return sendAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(sequence + 1), command);
    }

    private Outcome sendAt(Instant at, Command command) {
        sequence++;
        commands.pipeInput(DIR, new CommandEnvelope("req-" + sequence, DIR, "client-1", at, command), at);
        List<Outcome> all = outcomes.readValuesToList();
        return all.get(all.size() - 1);
    }

    private Map<String, Object> members(String groupId) {
        Map<String, Object> result = new java.util.TreeMap<>();
        try (var it = driver.<String, Object>getKeyValueStore(StoreNames.MEMBERS)
                .prefixScan(StoreNames.prefix(DIR, groupId), Serdes.String().serializer())) {
            it.forEachRemaining(kv -> result.put(kv.key, kv.value));
        }
        return result;
    }

    private static String key(String group, String user) {
        return StoreNames.key(DIR, group, user);
    }

    private static ObjectNode user(String userName) {
        return Json.mapper().createObjectNode().put("userName", userName).put("active", true);
    }

    private static AccessList list(String name, String title, String type) {
        return new AccessList(AccessList.KIND, AccessList.VERSION, new AccessList.Metadata(name, null, null),
                new AccessList.Spec(title, null, type, new AccessList.Grants(List.of("requester"), Map.of()),
                        List.of(new AccessList.Owner("admin", null)), null, null, null));
    }

    private static void assertTheView(TopologyTestDriver driver) {
        org.apache.kafka.streams.state.KeyValueStore<String, ListMember> members =
                driver.getKeyValueStore(ListViewStores.MEMBERS);
        assertThat(members.get(ListViewStores.memberKey("GroupRequester", DIR, "u1"))).isNull();
        ListMember bob = members.get(ListViewStores.memberKey("GroupRequester", DIR, "u2"));
        assertThat(bob.userName()).isEqualTo("bobby");
        assertThat(bob.active()).isTrue();
        assertThat(bob.groupId()).isEqualTo("g1");
        assertThat(bob.since()).isEqualTo(Instant.parse("2026-01-01T00:00:03Z"));
        org.apache.kafka.streams.state.KeyValueStore<String, ListCounts> counts =
                driver.getKeyValueStore(ListViewStores.COUNTS);
        assertThat(counts.get("GroupRequester")).isEqualTo(new ListCounts(1, 1));
        org.apache.kafka.streams.state.KeyValueStore<String, ListHistoryEntry> history =
                driver.getKeyValueStore(ListViewStores.HISTORY);
        List<ChangeKind> alice = new java.util.ArrayList<>();
        try (var it = history.prefixScan(ListViewStores.memberKey("GroupRequester", DIR, "u1") + "/",
                Serdes.String().serializer())) {
            it.forEachRemaining(kv -> alice.add(kv.value.change()));
        }
        assertThat(alice).containsExactly(ChangeKind.ADDED, ChangeKind.SUSPENDED, ChangeKind.REMOVED);
    }
}
