package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.command.Command;
import java.time.Instant;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.schemas.scim.ScimError;
import dev.accesslists.scim.schemas.scim.ScimException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of directory state. For each command it decides the outcome, changes the
 * stores and emits events, as a pure function of the command, the stores and the Access Lists:
 * no clock, no randomness. All it emits carries the command's timestamp.
 */
public final class CommandProcessor implements Processor<String, CommandEnvelope, String, Object> {
    /** Child (sink) names the processor forwards to. */
    public static final String TO_OUTCOMES = "outcomes-sink";
    public static final String TO_EVENTS = "events-sink";
    public static final String TO_MEMBERSHIP = "membership-sink";

    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

    private ProcessorContext<String, Object> context;
    private DirectoryState.Stores stores;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.stores = DirectoryState.Stores.from(context);
    }

    @Override
    public void process(Record<String, CommandEnvelope> record) {
        CommandEnvelope envelope = record.value();
        if (envelope == null) {
            return;
        }
        long timestamp = envelope.timestamp().toEpochMilli();
        Effects effects = new Effects(new Cause(envelope.requestId(), envelope.integrationId(),
                envelope.directoryId(), envelope.timestamp()));
        DirectoryState state = new DirectoryState(envelope.directoryId(), stores);
        Instant now = monotonic(envelope);
        if (envelope.command() instanceof Command.ApplyAccessList apply) {
            state.putAccessList(apply.accessList());
            markProgress(envelope.directoryId(), now);
            return;
        } else if (envelope.command() instanceof Command.RemoveAccessList remove) {
            state.deleteAccessList(remove.name());
            markProgress(envelope.directoryId(), now);
            return;
        }
        Outcome outcome;
        try {
            outcome = handle(envelope, state, effects, now);
        } catch (ScimException e) {
            ScimError error = e.error();
            LOG.debug("command {} rejected: {} {}", envelope.requestId(), error.status(), error.detail());
            outcome = Outcome.failure(envelope.requestId(), error.status(), error.scimType(), error.detail());
            effects = new Effects(effects.cause());
        } catch (org.apache.kafka.common.KafkaException e) {
            // a store or Kafka failure (disk full, fenced producer): fail the task, so exactly-once
            // aborts the transaction and the command is processed again from clean state
            throw e;
        } catch (RuntimeException e) {
            // A defect of this code must not stop the single writer for every directory: the
            // command is answered 500 and the log moves on. Handlers validate before they write,
            // and processing stays deterministic, so a replay does the same.
            LOG.error("command {} failed unexpectedly", envelope.requestId(), e);
            outcome = Outcome.failure(envelope.requestId(), 500, null, "internal error");
            effects = new Effects(effects.cause());
        }
        for (DirectoryEvent event : effects.events()) {
            context.forward(new Record<String, Object>(envelope.directoryId(), event, timestamp), TO_EVENTS);
        }
        for (MembershipChange change : effects.changes()) {
            context.forward(new Record<String, Object>(change.accessList().title(), change, timestamp), TO_MEMBERSHIP);
        }
        context.forward(new Record<String, Object>(envelope.requestId(), outcome, timestamp), TO_OUTCOMES);
        markProgress(envelope.directoryId(), now);
    }

    private static Outcome handle(CommandEnvelope envelope, DirectoryState state, Effects effects, Instant now) {
        String requestId = envelope.requestId();
        UserHandler users = new UserHandler(state, effects, requestId, now);
        GroupHandler groups = new GroupHandler(state, effects, requestId, now);
        Command command = envelope.command();
        if (command instanceof Command.CreateUser c) {
            return users.create(c);
        } else if (command instanceof Command.ReplaceUser c) {
            return users.replace(c);
        } else if (command instanceof Command.PatchUser c) {
            return users.patch(c);
        } else if (command instanceof Command.DeleteUser c) {
            return users.delete(c);
        } else if (command instanceof Command.CreateGroup c) {
            return groups.create(c);
        } else if (command instanceof Command.ReplaceGroup c) {
            return groups.replace(c);
        } else if (command instanceof Command.PatchGroup c) {
            return groups.patch(c);
        } else if (command instanceof Command.DeleteGroup c) {
            return groups.delete(c);
        }
        throw new IllegalStateException("unknown command " + command.getClass().getSimpleName());
    }

    /**
     * The time a command's changes carry in meta.created / meta.lastModified: its timestamp, or the
     * directory's previous one when ingest instances' clocks (or a race between two requests) put
     * it earlier, so that lastModified never goes backwards. Kept in state, so still deterministic.
     */
    private Instant monotonic(CommandEnvelope envelope) {
        Long last = stores.progress().get(envelope.directoryId());
        long millis = envelope.timestamp().toEpochMilli();
        return last != null && last > millis ? Instant.ofEpochMilli(last) : envelope.timestamp();
    }

    /**
     * Written for every command, so that the progress store's position tells which commands have
     * been applied: the read side waits on it for read-your-writes.
     */
    private void markProgress(String directoryId, Instant now) {
        KeyValueStore<String, Long> progress = stores.progress();
        progress.put(directoryId, now.toEpochMilli());
    }
}
