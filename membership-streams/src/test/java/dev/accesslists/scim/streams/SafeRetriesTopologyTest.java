package dev.accesslists.scim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.GroupEdit;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.streams.directory.StoreNames;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * A repeated request (same fingerprint) gets the first attempt's outcome while the resource is as
 * that attempt left it; otherwise, or after the window, it is applied as a new request.
 */
class SafeRetriesTopologyTest {
    private static final String DIR = "dir-1";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, CommandEnvelope> commands;
    private TestOutputTopic<String, Outcome> outcomes;
    private TestOutputTopic<String, MembershipChange> membership;
    private Instant clock = START;
    private int sequence;

    @BeforeEach
    void setUp() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "retries-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("retries-").toString());
        driver = new TopologyTestDriver(MembershipTopology.build(), props);
        commands = driver.createInputTopic(Topics.COMMANDS.name(), Serdes.String().serializer(),
                Topics.COMMANDS.valueSerde().serializer());
        outcomes = driver.createOutputTopic(Topics.OUTCOMES.name(), Serdes.String().deserializer(),
                Topics.OUTCOMES.valueSerde().deserializer());
        membership = driver.createOutputTopic(Topics.MEMBERSHIP.name(), Serdes.String().deserializer(),
                Topics.MEMBERSHIP.valueSerde().deserializer());
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
        clock = clock.plus(Duration.ofMinutes(11));

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
            clock = clock.plusSeconds(10);
        }
        // 200 commands over 2000 s with a 600 s window: about 60 remembered
        List<String> remembered = new ArrayList<>();
        try (var it = driver.getKeyValueStore(StoreNames.RECENT_REQUESTS).all()) {
            it.forEachRemaining(kv -> remembered.add(String.valueOf(kv.key)));
        }
        assertThat(remembered).hasSizeBetween(60, 62);
    }

    private Outcome send(Command command, String fingerprint) {
        sequence++;
        clock = clock.plusMillis(1);
        commands.pipeInput(DIR, new CommandEnvelope("req-" + sequence, DIR, "client-1", clock, command, fingerprint),
                clock);
        List<Outcome> all = outcomes.readValuesToList();
        return all.get(all.size() - 1);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode user(String userName) {
        return Json.mapper().createObjectNode().put("userName", userName);
    }
}
