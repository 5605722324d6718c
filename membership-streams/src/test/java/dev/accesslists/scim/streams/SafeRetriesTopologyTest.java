package dev.accesslists.scim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.streams.directory.StoreNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A repeated request (same fingerprint) gets the first attempt's outcome while the resource is as
 * that attempt left it; otherwise, or after the window, it is applied as a new request.
 */
class SafeRetriesTopologyTest {
    private static final String DIR = DirectoryDriver.DIR;

    private DirectoryDriver directory;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, MembershipChange> membership;

    @BeforeEach
    void setUp() {
        directory = new DirectoryDriver("retries-test");
        driver = directory.driver;
        membership = directory.membership;
    }

    @AfterEach
    void tearDown() {
        directory.close();
    }

    @Test
    void shouldAnswerARepeatedCreateWithTheUserTheFirstAttemptCreated() {
        Outcome first = send(new Command.CreateUser("u1", user("ann")), "fp-create");
        Outcome again = send(new Command.CreateUser("u2", user("ann")), "fp-create");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.requestId()).isNotEqualTo(first.requestId());
        assertThat(again.resource()).isEqualTo(first.resource());
        assertThat(driver.getKeyValueStore(StoreNames.USERS).get(StoreNames.key(DIR, "u2"))).isNull();
        // the same request without a fingerprint is a new request, and conflicts
        assertThat(send(new Command.CreateUser("u3", user("ann")), null).status()).isEqualTo(409);
    }

    @Test
    void shouldAnswerARepeatedDeleteWithItsFirstOutcomeNotANotFound() {
        send(new Command.CreateUser("u1", user("bob")), "fp-c");
        assertThat(send(new Command.DeleteUser("u1"), "fp-d").status()).isEqualTo(204);
        assertThat(send(new Command.DeleteUser("u1"), "fp-d").status()).isEqualTo(204);
        assertThat(send(new Command.DeleteUser("u1"), "fp-other").status()).isEqualTo(404);
    }

    @Test
    void shouldApplyARepeatedRequestAgainOnceTheResourceChanged() {
        send(new Command.CreateUser("u1", user("cy")), "fp-c");
        assertThat(send(new Command.CreateGroup("g1", "GroupRequester", null, List.of()), "fp-g").status())
                .isEqualTo(201);
        membership.readValuesToList();
        Command add = new Command.PatchGroup("g1", List.of(new GroupEdit.AddMembers(List.of("u1"))));
        Command remove = new Command.PatchGroup("g1", List.of(new GroupEdit.RemoveMembers(List.of("u1"))));

        send(add, "fp-add");
        send(remove, "fp-remove");
        send(add, "fp-add");
        send(add, "fp-add");

        // add, remove, add: the third request is a new one (the group changed since the first),
        // the fourth repeats the third and changes nothing
        assertThat(membership.readValuesToList()).extracting(MembershipChange::change).containsExactly(
                MembershipChange.ChangeKind.ADDED, MembershipChange.ChangeKind.REMOVED,
                MembershipChange.ChangeKind.ADDED);
    }

    @Test
    void shouldForgetRequestsAfterTheWindowInCommandTime() {
        send(new Command.CreateUser("u1", user("dee")), "fp-create");
        directory.advance(Duration.ofMinutes(11));

        Outcome late = send(new Command.CreateUser("u2", user("dee")), "fp-create");

        assertThat(late.status()).isEqualTo(409);
        // and the expired entry was removed from the stores as commands went by
        assertThat(driver.getKeyValueStore(StoreNames.RECENT_REQUESTS).get(StoreNames.key(DIR, "fp-create")))
                .isNull();
    }

    @Test
    void shouldKeepTheNumberOfRememberedRequestsBoundedByTheWindow() {
        for (int i = 0; i < 200; i++) {
            send(new Command.CreateUser("u" + i, user("user-" + i)), "fp-" + i);
            directory.advance(Duration.ofSeconds(10));
        }
        // 200 commands over 2000 s with a 600 s window: about 60 remembered
        List<String> remembered = new ArrayList<>();
        try (var it = driver.getKeyValueStore(StoreNames.RECENT_REQUESTS).all()) {
            it.forEachRemaining(kv -> remembered.add(String.valueOf(kv.key)));
        }
        assertThat(remembered).hasSizeBetween(60, 62);
    }

    private Outcome send(Command command, String fingerprint) {
        return directory.send(command, fingerprint, null);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode user(String userName) {
        return Json.mapper().createObjectNode().put("userName", userName);
    }
}
