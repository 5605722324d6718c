package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.DeadLetters;
import dev.accesslists.scim.schemas.command.Command;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.event.Cause;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.schemas.scim.EntityTags;
import dev.accesslists.scim.schemas.scim.ScimError;
import dev.accesslists.scim.schemas.scim.ScimException;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.directory.Member;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of directory state. For each command it decides the outcome, changes the
 * stores and emits events, as a pure function of the command, the stores and the Access Lists:
 * no clock, no randomness. All it emits carries the command's timestamp.
 *
 * <p>Nothing a record holds stops it: a record it cannot read or accept goes to the dead-letter
 * topic (and its caller, when it can be named, gets a definite answer); a command whose
 * processing hits a defect is answered 500 and its changes are discarded. Only failures of Kafka
 * or the stores fail the task, so that exactly-once processing aborts and retries the transaction.
 */
public final class CommandProcessor implements Processor<byte[], byte[], Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);

    /** Members one command brings up to date in a change of a whole group (see {@code GroupJob}). */
    public static final int DEFAULT_MEMBER_CHUNK = 250;

    private final ProcessingStats stats;
    private final int memberChunk;
    private ProcessorContext<Object, Object> context;
    private DirectoryState.Stores stores;

    public CommandProcessor(ProcessingStats stats) {
        this(stats, DEFAULT_MEMBER_CHUNK);
    }

    /** @param memberChunk members brought up to date per command in a change of a whole group */
    public CommandProcessor(ProcessingStats stats, int memberChunk) {
        this.stats = stats;
        this.memberChunk = memberChunk;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.stores = DirectoryState.Stores.from(context);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        CommandIntake.Result read = CommandIntake.read(record.key(), record.value());
        if (read instanceof CommandIntake.Rejected rejected) {
            deadLetter(record, rejected);
            return;
        }
        CommandEnvelope envelope = ((CommandIntake.Accepted) read).envelope();
        Instant now = monotonic(envelope.directoryId(), envelope.timestamp().toEpochMilli());
        Command command = envelope.command();
        if (command instanceof Command.ApplyAccessList || command instanceof Command.RemoveAccessList) {
            applyToAll(envelope);
        } else {
            applyToDirectory(envelope, now);
        }
        markProgress(envelope.directoryId(), now);
    }

    /**
     * A change of an Access List's definition, seen by every task at the same position of its log.
     * When it can change what the list grants, its members in this task's directories are
     * evaluated again: O(the list's members here).
     */
    private void applyToAll(CommandEnvelope envelope) {
        DirectoryState state = new DirectoryState(envelope.directoryId(), stores);
        String name;
        if (envelope.command() instanceof Command.ApplyAccessList apply) {
            name = apply.accessList().name();
        } else {
            name = ((Command.RemoveAccessList) envelope.command()).name();
        }
        AccessList before = state.accessList(name).orElse(null);
        if (envelope.command() instanceof Command.ApplyAccessList apply) {
            state.putAccessList(apply.accessList());
        } else {
            state.deleteAccessList(name);
        }
        List<EffectiveGrantsTracker.Update> grants = new ArrayList<>();
        AccessList after = state.accessList(name).orElse(null);
        if ((before != null || after != null) && EffectiveGrantsTracker.grantsMayChange(before, after)) {
            for (String[] link : DirectoryState.groupsLinkedTo(stores, name)) {
                DirectoryState directory = new DirectoryState(link[0], stores);
                List<String> members = directory.members(link[1]).stream().map(Member::userId).toList();
                grants.addAll(new EffectiveGrantsTracker(directory).update(members,
                        new Cause(envelope.requestId(), envelope.integrationId(), link[0], envelope.timestamp()), null));
            }
        }
        stores.commit();
        forwardGrants(grants, envelope.timestamp().toEpochMilli());
    }

    private void forwardGrants(List<EffectiveGrantsTracker.Update> grants, long timestamp) {
        for (EffectiveGrantsTracker.Update update : grants) {
            context.forward(new Record<>(update.key(), update.value(), timestamp), Sinks.GRANTS.name());
        }
    }

    private void applyToDirectory(CommandEnvelope envelope, Instant now) {
        long timestamp = envelope.timestamp().toEpochMilli();
        Effects effects = new Effects(new Cause(envelope.requestId(), envelope.integrationId(),
                envelope.directoryId(), envelope.timestamp()));
        DirectoryState state = new DirectoryState(envelope.directoryId(), stores);
        RecentRequests recent = new RecentRequests(envelope.directoryId(), stores, state);
        // forgetting expired requests, and indexing a directory an older version wrote, do not
        // depend on how this command ends
        recent.expire(now);
        state.ensureIndexed();
        stores.commit();
        Outcome outcome;
        List<EffectiveGrantsTracker.Update> grants = List.of();
        try {
            Optional<Outcome> repetition = recent.repetition(envelope, now);
            if (repetition.isPresent()) {
                stores.commit();
                stats.retryAnswered();
                stats.commandProcessed();
                context.forward(new Record<>(envelope.requestId(), repetition.get(), timestamp), Sinks.OUTCOMES.name());
                return;
            }
            outcome = envelope.command() instanceof Command.Bulk bulk
                    ? BulkHandler.run(bulk, envelope.requestId(), state, stores, effects,
                            (command, ifMatch, own) -> handle(command, ifMatch, envelope.requestId(), state, own, now,
                                    memberChunk))
                    : handle(envelope.command(), envelope.ifMatch(), envelope.requestId(), state, effects, now,
                            memberChunk);
            recent.remember(envelope, outcome, now);
            state.rememberChanges(effects.changes());
            grants = new EffectiveGrantsTracker(state).update(
                    EffectiveGrantsTracker.touchedUsers(effects.events(), effects.changes()), effects.cause(),
                    envelope.samlConnector());
            stores.commit();
        } catch (ScimException e) {
            stores.discard();
            ScimError error = e.error();
            LOG.debug("command {} rejected: {} {}", envelope.requestId(), error.status(), error.detail());
            outcome = Outcome.failure(envelope.requestId(), error.status(), error.scimType(), error.detail());
            effects = new Effects(effects.cause());
        } catch (org.apache.kafka.common.KafkaException e) {
            // a store or Kafka failure (disk full, fenced producer): fail the task, so exactly-once
            // aborts the transaction and the command is processed again from clean state
            stores.discard();
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A defect of this code must not stop the single writer for every directory: the
            // command is answered 500, its staged changes are dropped, and the log moves on.
            // Processing is deterministic, so a replay does the same.
            stores.discard();
            stats.commandFailed();
            LOG.error("command {} ({}) failed unexpectedly; its changes were discarded", envelope.requestId(),
                    envelope.command().getClass().getSimpleName(), e);
            outcome = Outcome.failure(envelope.requestId(), 500, null, "internal error");
            effects = new Effects(effects.cause());
        }
        stats.commandProcessed();
        for (DirectoryEvent event : effects.events()) {
            context.forward(new Record<>(envelope.directoryId(), event, timestamp), Sinks.EVENTS.name());
        }
        for (MembershipChange change : effects.changes()) {
            context.forward(new Record<>(change.accessList().title(), change, timestamp), Sinks.MEMBERSHIP.name());
        }
        forwardGrants(grants, timestamp);
        int step = 0;
        for (Command next : effects.continuations()) {
            // the next step of a long change, on this directory's own log, after what is there now
            Cause cause = effects.cause();
            String id = next instanceof Command.ContinueGroupJob c
                    ? requestIdOf(envelope) + "#" + c.groupId() + "#" + c.step() : requestIdOf(envelope) + "#" + step++;
            context.forward(new Record<>(envelope.directoryId(), new CommandEnvelope(id, envelope.directoryId(),
                    cause.integrationId() == null ? envelope.integrationId() : cause.integrationId(),
                    envelope.timestamp(), next, null, envelope.samlConnector()), timestamp), Sinks.CONTINUATIONS.name());
        }
        if (!(envelope.command() instanceof Command.ContinueGroupJob)) {
            // no one waits for the outcome of a step the writer appended itself
            context.forward(new Record<>(envelope.requestId(), outcome, timestamp), Sinks.OUTCOMES.name());
        }
    }

    /** The request a continuation belongs to: the request id without the step suffixes. */
    private static String requestIdOf(CommandEnvelope envelope) {
        int hash = envelope.requestId().indexOf('#');
        return hash < 0 ? envelope.requestId() : envelope.requestId().substring(0, hash);
    }

    /** One SCIM write: its precondition checked, then applied by its handler. */
    private static Outcome handle(Command command, String ifMatch, String requestId, DirectoryState state,
                                  Effects effects, Instant now, int memberChunk) {
        UserHandler users = new UserHandler(state, effects, requestId, now);
        GroupHandler groups = new GroupHandler(state, effects, requestId, now, memberChunk);
        if (ifMatch != null) {
            checkPrecondition(state, command, ifMatch);
        }
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
        } else if (command instanceof Command.ContinueGroupJob c) {
            groups.continueJob(c);
            return Outcome.success(requestId, 204, null);
        }
        throw new IllegalStateException("unknown command " + command.getClass().getSimpleName());
    }

    /**
     * RFC 7644 §3.14 {@code If-Match}, decided here against the version the command would change, so
     * no other write can come between the check and the change. A resource that does not exist is
     * left to the handler (404), as RFC 9110 §13.2.1 has it for a request that fails without the
     * precondition.
     */
    private static void checkPrecondition(DirectoryState state, Command command, String ifMatch) {
        RecentRequests.Target target = RecentRequests.target(command);
        if (target == null) {
            return;
        }
        Optional<Long> version = state.version(target.type(), target.id());
        if (version.isPresent() && !EntityTags.matches(ifMatch, version.get())) {
            throw EntityTags.preconditionFailed(target.type() + " " + target.id(), version.get());
        }
    }

    /**
     * Sets the record aside, exactly as it arrived, with where it came from and why; answers its
     * caller when the record names one. Logged once per record, without its content.
     */
    private void deadLetter(Record<byte[], byte[]> record, CommandIntake.Rejected rejected) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        stats.deadLettered(rejected.reason());
        LOG.warn("command record {}-{}@{} set aside on {}: {} ({})", source.topic(), source.partition(),
                source.offset(), Sinks.DEAD_LETTERS.topic().name(), rejected.reason(), rejected.error());
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(),
                DeadLetters.headers(source.topic(), source.partition(), source.offset(), record.timestamp(),
                        rejected.reason(), rejected.error(), rejected.requestId())), Sinks.DEAD_LETTERS.name());
        if (rejected.requestId() != null) {
            context.forward(new Record<>(rejected.requestId(), rejected.outcome(), record.timestamp()),
                    Sinks.OUTCOMES.name());
        }
        // every record moves the progress store's position, or reads bounded by it would wait
        markProgress(CommandEnvelope.ALL_DIRECTORIES, monotonic(CommandEnvelope.ALL_DIRECTORIES, record.timestamp()));
    }

    /**
     * The time a command's changes carry in meta.created / meta.lastModified: its timestamp, or the
     * directory's previous one when ingest instances' clocks (or a race between two requests) put
     * it earlier, so that lastModified never goes backwards. Kept in state, so still deterministic.
     */
    private Instant monotonic(String directoryId, long millis) {
        Long last = stores.progress().get(directoryId);
        return Instant.ofEpochMilli(last != null && last > millis ? last : millis);
    }

    /**
     * Written for every record, so that the progress store's position tells which commands have
     * been applied: the read side waits on it for read-your-writes.
     */
    private void markProgress(String directoryId, Instant now) {
        stores.progress().put(directoryId, now.toEpochMilli());
    }
}
