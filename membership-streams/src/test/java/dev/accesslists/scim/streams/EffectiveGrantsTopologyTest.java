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
import dev.accesslists.scim.schemas.grants.EffectiveGrants;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The effective-grants records the writer emits, as a consumer of {@code accesslist.grants.v1} sees them. */
class EffectiveGrantsTopologyTest {
    private static final String DIR = "okta-prod";
    private TopologyTestDriver driver;
    private TestInputTopic<String, CommandEnvelope> commands;
    private TestOutputTopic<String, EffectiveGrants> grants;
    private int sequence;

    @BeforeEach
    void setUp() {
        driver = new TopologyTestDriver(MembershipTopology.build(), TestDrivers.settings("grants-test"));
        commands = driver.createInputTopic(Topics.COMMANDS.name(), Serdes.String().serializer(),
                Topics.COMMANDS.valueSerde().serializer());
        grants = driver.createOutputTopic(Topics.GRANTS.name(), Serdes.String().deserializer(),
                Topics.GRANTS.valueSerde().deserializer());
        applyList(list("requesters", "Requesters", List.of("requester"), Map.of("logins", List.of("ubuntu")), null));
        applyList(list("engineers", "Engineers", List.of("access", "requester"), Map.of("logins", List.of("root")),
                null));
        // prod needs the "access" role, which only engineers grants
        applyList(list("prod", "Prod", List.of("prod-access"), Map.of(),
                new AccessList.Requires(List.of("access"), Map.of())));
        // oncall needs what prod grants: a chain of two requirements
        applyList(list("oncall", "Oncall", List.of("pager"), Map.of(),
                new AccessList.Requires(List.of("prod-access"), Map.of("logins", List.of("root")))));
        send(new Command.CreateUser("u1", user("alice")));
        send(new Command.CreateGroup("g-req", "Requesters", null, List.of()));
        send(new Command.CreateGroup("g-eng", "Engineers", null, List.of()));
        send(new Command.CreateGroup("g-prod", "Prod", null, List.of()));
        send(new Command.CreateGroup("g-oncall", "Oncall", null, List.of()));
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldWriteTheUnionOfGrantsOnceForEachChangeThatAltersIt() {
        add("g-req", "u1");
        List<TestRecord<String, EffectiveGrants>> first = grants.readRecordsToList();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).key()).isEqualTo("okta-prod/u1");
        EffectiveGrants alice = first.get(0).value();
        assertThat(alice.userName()).isEqualTo("alice");
        assertThat(alice.samlConnector()).isEqualTo("okta-saml");
        assertThat(alice.roles()).containsExactly("requester");
        assertThat(alice.traits()).isEqualTo(Map.of("logins", List.of("ubuntu")));
        assertThat(alice.accessLists()).containsExactly("requesters");

        add("g-eng", "u1");
        EffectiveGrants both = only(grants.readValuesToList());
        assertThat(both.roles()).containsExactly("access", "requester");
        assertThat(both.traits()).isEqualTo(Map.of("logins", List.of("root", "ubuntu")));
        assertThat(both.accessLists()).containsExactly("engineers", "requesters");

        // adding her again changes nothing: no record
        add("g-eng", "u1");
        assertThat(grants.readValuesToList()).isEmpty();
        // a change of her other attributes does not alter her grants: no record
        send(new Command.PatchUser("u1", List.of(new PatchOperation("replace", "displayName",
                Json.mapper().getNodeFactory().textNode("Alice A.")))));
        assertThat(grants.readValuesToList()).isEmpty();
        // a new userName does: consumers key the SSO user by it
        send(new Command.PatchUser("u1", List.of(new PatchOperation("replace", "userName",
                Json.mapper().getNodeFactory().textNode("alice.a")))));
        assertThat(only(grants.readValuesToList()).userName()).isEqualTo("alice.a");
    }

    @Test
    void shouldCountAListOnlyWhileItsRequirementsAreMetEvaluatedToAFixedPoint() {
        add("g-oncall", "u1");
        add("g-prod", "u1");
        // neither counts yet: prod needs "access", oncall needs what prod grants
        assertThat(grants.readValuesToList()).isEmpty();

        add("g-eng", "u1");
        EffectiveGrants all = only(grants.readValuesToList());
        assertThat(all.accessLists()).containsExactly("engineers", "oncall", "prod");
        assertThat(all.roles()).containsExactly("access", "pager", "prod-access", "requester");

        // leaving engineers takes away what prod and oncall stood on
        send(new Command.PatchGroup("g-eng", List.of(new GroupEdit.RemoveMembers(List.of("u1")))));
        EffectiveGrants none = only(grants.readValuesToList());
        assertThat(none.accessLists()).isEmpty();
        assertThat(none.roles()).isEmpty();
        assertThat(none.traits()).isEmpty();
    }

    @Test
    void shouldTakeGrantsAwayWhileTheUserIsDeactivatedAndTombstoneADeletedUser() {
        add("g-req", "u1");
        grants.readValuesToList();
        send(new Command.PatchUser("u1", List.of(new PatchOperation("replace", "active",
                Json.mapper().getNodeFactory().booleanNode(false)))));
        assertThat(only(grants.readValuesToList()).roles()).isEmpty();
        send(new Command.PatchUser("u1", List.of(new PatchOperation("replace", "active",
                Json.mapper().getNodeFactory().textNode("True")))));
        assertThat(only(grants.readValuesToList()).roles()).containsExactly("requester");

        send(new Command.DeleteUser("u1"));
        List<TestRecord<String, EffectiveGrants>> deleted = grants.readRecordsToList();
        assertThat(deleted).hasSize(1);
        assertThat(deleted.get(0).key()).isEqualTo("okta-prod/u1");
        assertThat(deleted.get(0).value()).isNull();
    }

    @Test
    void shouldFollowAChangeOfAListsGrantsOrItsRemoval() {
        add("g-req", "u1");
        send(new Command.CreateUser("u2", user("bob")));
        add("g-req", "u2");
        grants.readValuesToList();

        applyList(list("requesters", "Requesters", List.of("requester", "viewer"), Map.of(), null));
        List<TestRecord<String, EffectiveGrants>> changed = grants.readRecordsToList();
        assertThat(changed).extracting(TestRecord::key).containsExactlyInAnyOrder("okta-prod/u1", "okta-prod/u2");
        assertThat(changed).allSatisfy(r -> {
            assertThat(r.value().roles()).containsExactly("requester", "viewer");
            assertThat(r.value().traits()).isEmpty();
            assertThat(r.value().cause().integrationId()).isEqualTo("access-list-admin");
        });

        // the same definition again alters nothing
        applyList(list("requesters", "Requesters", List.of("requester", "viewer"), Map.of(), null));
        assertThat(grants.readValuesToList()).isEmpty();

        commands.pipeInput("accesslist:requesters", new CommandEnvelope("remove-requesters",
                CommandEnvelope.ALL_DIRECTORIES, "access-list-admin", at(), new Command.RemoveAccessList("requesters")),
                at());
        assertThat(grants.readValuesToList()).hasSize(2).allSatisfy(g -> assertThat(g.accessLists()).isEmpty());
    }

    private void add(String groupId, String userId) {
        send(new Command.PatchGroup(groupId, List.of(new GroupEdit.AddMembers(List.of(userId)))));
    }

    private static EffectiveGrants only(List<EffectiveGrants> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private Instant at() {
        return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++sequence);
    }

    private void applyList(AccessList list) {
        Instant at = at();
        commands.pipeInput("accesslist:" + list.name(), new CommandEnvelope("list-" + sequence,
                CommandEnvelope.ALL_DIRECTORIES, "access-list-admin", at, new Command.ApplyAccessList(list)), at);
    }

    private void send(Command command) {
        Instant at = at();
        commands.pipeInput(DIR, new CommandEnvelope("req-" + sequence, DIR, DIR, at, command, null, "okta-saml"), at);
    }

    private static ObjectNode user(String userName) {
        return Json.mapper().createObjectNode().put("userName", userName).put("active", true);
    }

    private static AccessList list(String name, String title, List<String> roles, Map<String, List<String>> traits,
                                   AccessList.Requires requires) {
        return new AccessList(AccessList.KIND, AccessList.VERSION, new AccessList.Metadata(name, null, null),
                new AccessList.Spec(title, null, AccessList.TYPE_SCIM, new AccessList.Grants(roles, traits),
                        List.of(new AccessList.Owner("admin", null)), requires, null, null));
    }
}
