package dev.accesslists.scim.streams;

import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The writer's topology on a test driver, with the scim list {@code GroupRequester} applied: one
 * directory's commands in, outcomes, membership changes and events out, each command one
 * millisecond of command time after the previous.
 */
final class DirectoryDriver implements AutoCloseable {
    static final String DIR = "dir-1";
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    final TopologyTestDriver driver;
    final TestOutputTopic<String, Outcome> outcomes;
    final TestOutputTopic<String, MembershipChange> membership;
    final TestOutputTopic<String, DirectoryEvent> events;
    private final TestInputTopic<String, CommandEnvelope> commands;
    private Instant clock = START;
    private int sequence;

    DirectoryDriver(String applicationId) {
        driver = new TopologyTestDriver(MembershipTopology.build(), TestDrivers.settings(applicationId));
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

    /** Moves command time on. */
    void advance(Duration duration) {
        clock = clock.plus(duration);
    }

    /** Sends a command of the directory and returns its outcome. */
    Outcome send(Command command, String fingerprint, String ifMatch) {
        sequence++;
        clock = clock.plusMillis(1);
        commands.pipeInput(DIR, new CommandEnvelope("req-" + sequence, DIR, "client-1", clock, command, fingerprint,
                null, ifMatch), clock);
        List<Outcome> all = outcomes.readValuesToList();
        return all.get(all.size() - 1);
    }

    @Override
    public void close() {
        driver.close();
    }
}
