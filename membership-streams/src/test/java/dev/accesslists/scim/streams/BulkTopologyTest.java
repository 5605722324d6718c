package dev.accesslists.scim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.BulkOperation;
import dev.accesslists.scim.schemas.command.BulkResult;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk in the single writer: operations in order, each all or nothing on its own, failOnErrors
 * respected; and If-Match decided against the version the command changes.
 */
class BulkTopologyTest {
    private DirectoryDriver directory;
    private TestOutputTopic<String, MembershipChange> membership;
    private TestOutputTopic<String, DirectoryEvent> events;

    @BeforeEach
    void setUp() {
        directory = new DirectoryDriver("bulk-test");
        membership = directory.membership;
        events = directory.events;
    }

    @AfterEach
    void tearDown() {
        directory.close();
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
    void shouldUndoAnOperationThatFailsAfterItStagedChanges() {
        send(new Command.CreateUser("user-1", user("ann@example.com")), null);
        send(new Command.CreateGroup("group-1", "GroupRequester", null, List.of()), null);
        membership.readValuesToList();
        events.readValuesToList();
        // the first edit adds the member, the second fails: the whole operation leaves no trace
        List<BulkResult> results = bulk(0,
                op("PATCH", null, new Command.PatchGroup("group-1", List.of(
                        new GroupEdit.AddMembers(List.of("user-1")), new GroupEdit.SetDisplayName("NoSuchTitle")))),
                op("PATCH", null, new Command.PatchUser("user-1", List.of(new dev.accesslists.scim.schemas.command
                        .PatchOperation("replace", "title", Json.mapper().getNodeFactory().textNode("Lead"))))));
        assertThat(results).extracting(BulkResult::status).containsExactly(400, 200);
        assertThat(membership.readValuesToList()).isEmpty();
        assertThat(events.readValuesToList()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("UserUpdated");
        Outcome add = send(new Command.PatchGroup("group-1", List.of(new GroupEdit.AddMembers(List.of("user-1")))),
                null);
        assertThat(add.status()).isEqualTo(204);
        // the member was not there: adding it now is a change
        assertThat(membership.readValuesToList()).extracting(MembershipChange::change)
                .containsExactly(MembershipChange.ChangeKind.ADDED);
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
        return directory.send(command, null, ifMatch);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode user(String userName) {
        return Json.mapper().createObjectNode().put("userName", userName).put("active", true);
    }
}
