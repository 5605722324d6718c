package dev.accesslists.scim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.BulkOperation;
import dev.accesslists.scim.schemas.command.BulkResult;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange;
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

/**
 * Bulk in the single writer: operations in order, each all or nothing on its own, failOnErrors
 * respected; and If-Match decided against the version the command changes.
 */
class BulkTopologyTest {
    private static final String DIR = "dir-1";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, CommandEnvelope> commands;
    private TestOutputTopic<String, Outcome> outcomes;
    private TestOutputTopic<String, MembershipChange> membership;
    private TestOutputTopic<String, DirectoryEvent> events;
    private Instant clock = START;
    private int sequence;

    @BeforeEach
    void setUp() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bulk-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bulk-").toString());
        driver = new TopologyTestDriver(MembershipTopology.build(), props);
        commands = driver.createInputTopic(Topics.COMMANDS.name(), Serdes.String().serializer(),
                Topics.COMMANDS.valueSerde().serializer());
        outcomes = driver.createOutputTopic(Topics.OUTCOMES.name(), Serdes.String().deserializer(),
                Topics.OUTCOMES.valueSerde().deserializer());
        membership = driver.createOutputTopic(Topics.MEMBERSHIP.name(), Serdes.String().deserializer(),
                Topics.MEMBERSHIP.valueSerde().deserializer());
        events = driver.createOutputTopic(Topics.EVENTS.name(), Serdes.String().deserializer(),
                Topics.EVENTS.valueSerde().deserializer());
        AccessList list = new AccessList(AccessList.KIND, AccessList.VERSION,
                new AccessList.Metadata("requesters", null, null), new AccessList.Spec("GroupRequester", null, "scim",
                new AccessList.Grants(List.of("requester"), Map.of()), List.of(), null, null, null));
        commands.pipeInput("accesslist:requesters", new CommandEnvelope("list-1", CommandEnvelope.ALL_DIRECTORIES,
                "access-list-admin", START, new Command.ApplyAccessList(list)), START);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldApplyEachOperationOnItsOwnAndReportEveryOne() {
        List<BulkResult> results = bulk(0,
                op("POST", "u1", new Command.CreateUser("user-1", user("ann@example.com"))),
                op("POST", "u2", new Command.CreateUser("user-2", user("ANN@example.com"))),
                refused("PATCH", 400, "invalidPath"),
                op("POST", "g", new Command.CreateGroup("group-1", "GroupRequester", null, List.of("user-1"))),
                op("PATCH", null, new Command.PatchGroup("group-1", List.of(new GroupEdit.AddMembers(List.of("user-9"))))),
                op("DELETE", null, new Command.DeleteUser("user-1")));
        assertThat(results).extracting(BulkResult::status).containsExactly(201, 409, 400, 201, 400, 204);
        assertThat(results.get(0).id()).isEqualTo("user-1");
        assertThat(results.get(0).version()).isEqualTo(1L);
        assertThat(results.get(0).bulkId()).isEqualTo("u1");
        assertThat(results.get(1).scimType()).isEqualTo("uniqueness");
        assertThat(results.get(5).version()).isNull();
        // the failed operations left no trace; the successful ones all emitted what they changed
        List<MembershipChange> changes = membership.readValuesToList();
        assertThat(changes).extracting(MembershipChange::change)
                .containsExactly(MembershipChange.ChangeKind.ADDED, MembershipChange.ChangeKind.REMOVED);
        assertThat(events.readValuesToList()).extracting(e -> e.getClass().getSimpleName())
                .doesNotContain("UserUpdated").contains("UserProvisioned", "GroupLinked", "UserDeleted");
    }

    @Test
    void shouldStopOnceFailOnErrorsOperationsFailed() {
        List<BulkResult> results = bulk(1,
                op("POST", "u1", new Command.CreateUser("user-1", user("ann@example.com"))),
                op("DELETE", null, new Command.DeleteUser("nobody")),
                op("POST", "u2", new Command.CreateUser("user-2", user("bob@example.com"))));
        assertThat(results).extracting(BulkResult::status).containsExactly(201, 404);
        assertThat(bulk(0, op("DELETE", null, new Command.DeleteUser("user-2")))).extracting(BulkResult::status)
                .containsExactly(404);
    }

    @Test
    void shouldApplyAWriteOnlyOnTheVersionItsIfMatchNames() {
        send(new Command.CreateUser("user-1", user("ann@example.com")), null);
        Outcome stale = send(new Command.PatchUser("user-1", List.of(new dev.accesslists.scim.schemas.command
                .PatchOperation("replace", "title", Json.mapper().getNodeFactory().textNode("x")))), "W/\"7\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.detail()).contains("W/\"1\"");
        Outcome fresh = send(new Command.PatchUser("user-1", List.of(new dev.accesslists.scim.schemas.command
                .PatchOperation("replace", "title", Json.mapper().getNodeFactory().textNode("x")))), "W/\"1\"");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.resource().get("version").asLong()).isEqualTo(2);
        assertThat(send(new Command.DeleteUser("nobody"), "W/\"1\"").status()).isEqualTo(404);
        List<BulkResult> results = bulk(0, new BulkOperation("DELETE", null, "/Users/user-1", "W/\"1\"",
                new Command.DeleteUser("user-1"), null));
        assertThat(results.get(0).status()).isEqualTo(412);
    }

    private List<BulkResult> bulk(int failOnErrors, BulkOperation... operations) {
        Outcome outcome = send(new Command.Bulk(List.of(operations), failOnErrors), null);
        assertThat(outcome.status()).isEqualTo(200);
        return List.of(Json.mapper().convertValue(outcome.resource(), BulkResult[].class));
    }

    private static BulkOperation op(String method, String bulkId, Command command) {
        return new BulkOperation(method, bulkId, "/x", null, command, null);
    }

    private static BulkOperation refused(String method, int status, String scimType) {
        return new BulkOperation(method, null, "/x", null, null, new BulkOperation.Refusal(status, scimType, "no"));
    }

    private Outcome send(Command command, String ifMatch) {
        sequence++;
        clock = clock.plusMillis(1);
        commands.pipeInput(DIR, new CommandEnvelope("req-" + sequence, DIR, "client-1", clock, command, null, null,
                ifMatch), clock);
        List<Outcome> all = outcomes.readValuesToList();
        return all.get(all.size() - 1);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode user(String userName) {
        return Json.mapper().createObjectNode().put("userName", userName).put("active", true);
    }
}
