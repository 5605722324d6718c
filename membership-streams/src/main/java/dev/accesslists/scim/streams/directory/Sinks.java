package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.Topic;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange;
import java.util.List;

/** What the writer emits to, each sink paired with its topic, so names and types cannot drift apart. */
public final class Sinks {
    /**
     * One output of the processor.
     *
     * @param name the sink node's name in the topology
     * @param topic where it writes
     */
    public record Sink<K, V>(String name, Topic<K, V> topic) {
    }

    public static final Sink<String, Outcome> OUTCOMES = new Sink<>("outcomes-sink", Topics.OUTCOMES);
    public static final Sink<String, DirectoryEvent> EVENTS = new Sink<>("events-sink", Topics.EVENTS);
    public static final Sink<String, MembershipChange> MEMBERSHIP = new Sink<>("membership-sink", Topics.MEMBERSHIP);
    /** Each user's effective grants when they change, keyed by {@code integrationId/userId}; null: deleted. */
    public static final Sink<String, dev.accesslists.scim.schemas.grants.EffectiveGrants> GRANTS =
            new Sink<>("grants-sink", Topics.GRANTS);
    public static final Sink<byte[], byte[]> DEAD_LETTERS = new Sink<>("dead-letters-sink", Topics.DEAD_LETTERS);
    /**
     * The next steps of long changes, appended to the command log itself (the topology may send
     * them elsewhere when it replays a log that already holds them).
     */
    public static final Sink<String, dev.accesslists.scim.schemas.command.CommandEnvelope> CONTINUATIONS =
            new Sink<>("continuations-sink", Topics.COMMANDS);

    private Sinks() {
    }

    public static List<Sink<?, ?>> all() {
        return List.of(OUTCOMES, EVENTS, MEMBERSHIP, GRANTS, DEAD_LETTERS, CONTINUATIONS);
    }
}
