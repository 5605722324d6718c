package dev.accesslists.scim.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * Whether the writer is working, for {@code /ready}: Kafka Streams is running, every stream thread
 * is running, and no stream thread has failed recently. A failed thread is replaced; the instance
 * is ready again once the replacement runs and stays up for {@link #QUIET_PERIOD}, so a record
 * that keeps failing threads keeps the instance unready.
 */
final class StreamsHealth {
    /** How long after a stream thread failure the instance stays unready. */
    static final Duration QUIET_PERIOD = Duration.ofSeconds(10);

    private final Clock clock;
    private volatile Instant lastThreadFailure;
    private volatile String lastFailureKind;
    private volatile long threadFailures;

    StreamsHealth(Clock clock) {
        this.clock = clock;
    }

    void threadFailed(Throwable failure) {
        lastThreadFailure = clock.instant();
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        lastFailureKind = root.getClass().getSimpleName();
        threadFailures++;
    }

    long threadFailures() {
        return threadFailures;
    }

    /** Empty when ready; otherwise why not, in a few words fit for an operator. */
    Optional<String> notReadyBecause(KafkaStreams streams) {
        if (streams == null) {
            return Optional.of("starting");
        }
        KafkaStreams.State state = streams.state();
        return notReadyBecause(state, state == KafkaStreams.State.RUNNING ? streams.metadataForLocalThreads()
                : java.util.Set.of());
    }

    Optional<String> notReadyBecause(KafkaStreams.State state, java.util.Collection<ThreadMetadata> threads) {
        if (state != KafkaStreams.State.RUNNING) {
            return Optional.of("Kafka Streams is " + state);
        }
        for (ThreadMetadata thread : threads) {
            if (!"RUNNING".equals(thread.threadState())) {
                return Optional.of("stream thread " + thread.threadName() + " is " + thread.threadState());
            }
        }
        Instant failed = lastThreadFailure;
        if (failed != null && Duration.between(failed, clock.instant()).compareTo(QUIET_PERIOD) < 0) {
            return Optional.of("a stream thread failed " + Duration.between(failed, clock.instant()).toSeconds()
                    + " s ago (" + lastFailureKind + ") and was replaced");
        }
        return Optional.empty();
    }
}
