package dev.accesslists.scim.streams.directory;

import dev.accesslists.scim.schemas.DeadLetters;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of what the writer did, for the service's status endpoint. Counted as records are
 * processed: a record processed again after an aborted transaction counts again.
 */
public final class ProcessingStats {
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong failedCommands = new AtomicLong();
    private final AtomicLong retriesAnswered = new AtomicLong();
    private final Map<DeadLetters.Reason, AtomicLong> deadLetters = new EnumMap<>(DeadLetters.Reason.class);

    public ProcessingStats() {
        for (DeadLetters.Reason reason : DeadLetters.Reason.values()) {
            deadLetters.put(reason, new AtomicLong());
        }
    }

    void commandProcessed() {
        commands.incrementAndGet();
    }

    void commandFailed() {
        failedCommands.incrementAndGet();
    }

    void retryAnswered() {
        retriesAnswered.incrementAndGet();
    }

    void deadLettered(DeadLetters.Reason reason) {
        deadLetters.get(reason).incrementAndGet();
    }

    /** Directory commands applied or refused with an outcome. */
    public long commands() {
        return commands.get();
    }

    /** Commands answered 500 because processing them hit a defect; their changes were discarded. */
    public long failedCommands() {
        return failedCommands.get();
    }

    /** Repeated requests answered with the outcome of their first attempt. */
    public long retriesAnswered() {
        return retriesAnswered.get();
    }

    /** Records set aside on the dead-letter topic, in all. */
    public long deadLettered() {
        return deadLetters.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Records set aside, by reason. */
    public Map<DeadLetters.Reason, Long> deadLetteredByReason() {
        Map<DeadLetters.Reason, Long> copy = new EnumMap<>(DeadLetters.Reason.class);
        deadLetters.forEach((reason, count) -> copy.put(reason, count.get()));
        return copy;
    }
}
