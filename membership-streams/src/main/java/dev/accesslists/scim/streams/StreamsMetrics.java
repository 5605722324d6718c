package dev.accesslists.scim.streams;

import dev.accesslists.scim.schemas.DeadLetters;
import dev.accesslists.scim.schemas.runtime.ServiceMetrics;
import dev.accesslists.scim.streams.directory.ProcessingStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What membership-streams' {@code GET /metrics} answers: the JVM basics, the query API's read
 * wait ({@code scim_read_wait_seconds}, see the query API), the Kafka Streams metrics of the
 * running instance ({@code kafka_stream_thread_process_rate}, {@code
 * kafka_stream_thread_commit_latency_avg}, the consumers' {@code
 * kafka_consumer_fetch_manager_records_lag_max}, ...), and the single writer's counters, read from
 * {@link ProcessingStats} when Prometheus scrapes:
 *
 * <ul>
 *   <li>{@code scim_writer_commands_total}: directory commands applied or refused with an outcome;</li>
 *   <li>{@code scim_writer_commands_failed_total}: commands answered 500 after a defect;</li>
 *   <li>{@code scim_writer_retries_answered_total}: repeated requests answered with their first outcome;</li>
 *   <li>{@code scim_writer_dead_letters_total{reason}}: records set aside on the dead-letter
 *       topic, by reason ({@code NULL_VALUE}, {@code OVERSIZED}, {@code NOT_JSON},
 *       {@code UNSUPPORTED}, {@code INVALID});</li>
 *   <li>{@code scim_writer_thread_failures_total}: stream threads that failed and were replaced.</li>
 * </ul>
 *
 * <p>Like the counts they read, the writer's counters count records as processed: a record
 * processed again after an aborted transaction counts again.
 */
public final class StreamsMetrics implements AutoCloseable {
    public static final String COMMANDS = "scim.writer.commands";
    public static final String FAILED_COMMANDS = "scim.writer.commands.failed";
    public static final String RETRIES_ANSWERED = "scim.writer.retries.answered";
    public static final String DEAD_LETTERS = "scim.writer.dead.letters";
    public static final String THREAD_FAILURES = "scim.writer.thread.failures";

    private final ServiceMetrics service = ServiceMetrics.create("membership-streams");
    // the registry holds what its counters read only weakly: these keep them alive
    private final ProcessingStats stats;
    private final LongSupplier threadFailures;
    private KafkaStreamsMetrics streams;

    /**
     * @param stats the writer's counts
     * @param threadFailures how many stream threads have failed
     */
    public StreamsMetrics(ProcessingStats stats, LongSupplier threadFailures) {
        this.stats = stats;
        this.threadFailures = threadFailures;
        MeterRegistry registry = service.registry();
        FunctionCounter.builder(COMMANDS, stats, ProcessingStats::commands)
                .description("Directory commands applied or refused with an outcome").register(registry);
        FunctionCounter.builder(FAILED_COMMANDS, stats, ProcessingStats::failedCommands)
                .description("Commands answered 500 because processing them hit a defect").register(registry);
        FunctionCounter.builder(RETRIES_ANSWERED, stats, ProcessingStats::retriesAnswered)
                .description("Repeated requests answered with the outcome of their first attempt").register(registry);
        for (DeadLetters.Reason reason : DeadLetters.Reason.values()) {
            FunctionCounter.builder(DEAD_LETTERS, stats, s -> s.deadLetteredByReason().get(reason))
                    .description("Records set aside on the dead-letter topic")
                    .tag("reason", reason.name())
                    .register(registry);
        }
        FunctionCounter.builder(THREAD_FAILURES, threadFailures, LongSupplier::getAsLong)
                .description("Stream threads that failed and were replaced").register(registry);
    }

    /** Publishes the Kafka Streams instance's metrics (of its threads, tasks, stores and clients). */
    public void bind(KafkaStreams instance) {
        if (streams != null) {
            streams.close();
        }
        streams = new KafkaStreamsMetrics(instance);
        streams.bindTo(service.registry());
    }

    public MeterRegistry registry() {
        return service.registry();
    }

    /** Every series now, in the Prometheus text format ({@link ServiceMetrics#CONTENT_TYPE}). */
    public String scrape() {
        return service.scrape();
    }

    @Override
    public void close() {
        if (streams != null) {
            streams.close();
        }
        service.close();
    }
}
