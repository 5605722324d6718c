package dev.accesslists.scim.ingest.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The ingest service's own series, in Prometheus names:
 *
 * <ul>
 *   <li>{@code scim_requests_seconds_{count,sum,max}{route, status, integration}}: every SCIM
 *       request, by method and route template ({@code PATCH /Groups/{id}}, never a path with ids
 *       or a query), HTTP status, and the client id of the integration that made it
 *       ({@value #NO_INTEGRATION} when the request carried no valid token);</li>
 *   <li>{@code scim_write_outcome_seconds_bucket{status, le}} (and {@code _count}, {@code _sum}):
 *       the time from sending a command to the log until its outcome arrives, by outcome status
 *       class ({@code 2xx}, {@code 4xx}, {@code 5xx});</li>
 *   <li>{@code scim_read_bound_seconds_bucket{le}}: the time a read waits for the end offsets
 *       of the command log that fix its read-your-writes bound;</li>
 *   <li>{@code scim_writes_waiting}: writes waiting for their outcome now;</li>
 *   <li>the outcome listener's Kafka consumer metrics ({@code kafka_consumer_*} with
 *       {@code client_id="ingest-outcomes"}), among them its lag,
 *       {@code kafka_consumer_fetch_manager_records_lag_max}.</li>
 * </ul>
 */
public final class IngestMetrics {
    public static final String REQUESTS = "scim.requests";
    public static final String WRITE_OUTCOME = "scim.write.outcome";
    public static final String READ_BOUND = "scim.read.bound";
    public static final String WRITES_WAITING = "scim.writes.waiting";
    /** The integration label of a request that carried no valid token. */
    public static final String NO_INTEGRATION = "none";

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        // the write latency series exist from the start, so dashboards and alerts see zero, not nothing
        for (String statusClass : new String[] {"2xx", "4xx", "5xx"}) {
            writeOutcomeTimer(statusClass);
        }
        readBoundTimer();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * One answered SCIM request.
     *
     * @param route method and route template, e.g. {@code POST /Users}
     * @param integration the verified client id, or null for a request without a valid token
     */
    public void request(String route, int status, String integration, long nanos) {
        Timer.builder(REQUESTS).description("SCIM requests answered, by route template, status and integration")
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .tag("integration", integration == null ? NO_INTEGRATION : integration)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A command's outcome arrived {@code nanos} after the command was sent. */
    public void writeOutcome(int status, long nanos) {
        writeOutcomeTimer(status / 100 + "xx").record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A read waited {@code nanos} for the end offsets that fix its bound. */
    public void readBound(long nanos) {
        readBoundTimer().record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Reports how many writes wait for their outcome. */
    public void writesWaiting(Supplier<Number> waiting) {
        Gauge.builder(WRITES_WAITING, waiting).description("Writes waiting for their outcome").register(registry);
    }

    /**
     * Publishes a Kafka consumer's own metrics (fetch rates, lag, ...) until the returned handle
     * is closed, which removes them again.
     */
    public Published kafkaConsumer(Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(registry);
        return metrics::close;
    }

    /** Series published until closed. */
    public interface Published extends AutoCloseable {
        @Override
        void close();
    }

    private Timer writeOutcomeTimer(String statusClass) {
        return Timer.builder(WRITE_OUTCOME)
                .description("Time from sending a command to the log until its outcome arrives")
                .tag("status", statusClass)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    private Timer readBoundTimer() {
        return Timer.builder(READ_BOUND)
                .description("Time a read waits for the command log end offsets that fix its read-your-writes bound")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }
}
