package dev.accesslists.scim.ingest.write;

import dev.accesslists.scim.ingest.metrics.IngestMetrics;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.scim.ScimError;
import dev.accesslists.scim.schemas.scim.ScimException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Turns a SCIM write into a command on the log and completes with its outcome. Never blocks the
 * caller: the future completes from the producer and outcome callbacks. A write is acknowledged
 * only when the command is in Kafka (acks=all, idempotent) and the single writer has determined its
 * outcome, which re-processing the same log would determine again (the README's consistency point 3).
 */
public final class CommandGateway implements AutoCloseable {
    private final KafkaProducer<String, CommandEnvelope> producer;
    private final OutcomeListener outcomes;
    private final Duration timeout;
    private final IngestMetrics metrics;

    /** @param metrics where the time from sending a command to its outcome is recorded */
    public CommandGateway(String bootstrapServers, Duration timeout, IngestMetrics metrics) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES,
                // send() may block a request thread while Kafka is unreachable: keep that short
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000,
                // while Kafka is unreachable a write fails within seconds (503, nothing recorded)
                // instead of waiting for the default two minutes
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(4000, Math.min(8000,
                        timeout.toMillis() - 1000)),
                ProducerConfig.CLIENT_ID_CONFIG, "ingest-commands"),
                new StringSerializer(), Topics.COMMANDS.valueSerde().serializer());
        this.outcomes = new OutcomeListener(bootstrapServers, metrics);
        this.timeout = timeout;
        this.metrics = metrics;
    }

    public CommandGateway start() {
        outcomes.start();
        return this;
    }

    /** Whether writes can be answered: the outcome listener is reading. */
    public boolean ready() {
        return outcomes.running();
    }

    /** Why writes cannot be answered now, when they cannot. */
    public java.util.Optional<String> problem() {
        return outcomes.problem();
    }

    /** How many writes wait for their outcome. */
    public int waiting() {
        return outcomes.waiting();
    }

    /** Sends the command; the future fails with a {@link ScimException} (503) when Kafka or the processor is unavailable. */
    public CompletableFuture<Outcome> submit(CommandEnvelope command) {
        CompletableFuture<Outcome> outcome = outcomes.expect(command.requestId());
        ProducerRecord<String, CommandEnvelope> record = new ProducerRecord<>(Topics.COMMANDS.name(), null,
                command.timestamp().toEpochMilli(), command.directoryId(), command);
        long sent = System.nanoTime();
        try {
            producer.send(record, (metadata, error) -> {
                if (error instanceof RecordTooLargeException) {
                    outcome.completeExceptionally(new ScimException(new ScimError(413, null,
                            "the request is too large to record")));
                } else if (error != null) {
                    outcome.completeExceptionally(unavailable("the request could not be recorded; retry later"));
                }
            });
        } catch (KafkaException e) {
            outcome.completeExceptionally(unavailable("the request could not be recorded; retry later"));
        }
        CompletableFuture<Outcome> answered = outcome.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        e instanceof TimeoutException || e.getCause() instanceof TimeoutException
                                ? unavailable("the request was recorded but its outcome is not known yet; retry later")
                                : e));
        // only outcomes that arrived: a write not recorded, or timed out, has no outcome to time
        outcome.thenAccept(o -> metrics.writeOutcome(o.status(), System.nanoTime() - sent));
        return answered;
    }

    private static ScimException unavailable(String detail) {
        return new ScimException(new ScimError(503, null, detail));
    }

    @Override
    public void close() {
        outcomes.close();
        producer.close(Duration.ofSeconds(5));
    }
}
