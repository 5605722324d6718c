package dev.accesslists.scim.ingest.activity;

import dev.accesslists.scim.schemas.TopicInstaller;
import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.integration.IntegrationActivity;
import dev.accesslists.scim.schemas.scim.ScimError;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each integration's last request and last error, and reports the ones that changed to
 * the integration activity topic every {@link #EVERY}: one record per active integration per
 * period, whatever the request rate. Best effort: a report that cannot be sent is retried with
 * the next one, and nothing here slows a SCIM answer. Only the method, route (no ids, no query),
 * status and SCIM error are kept; never a token or a body.
 *
 * <p>With several ingest instances, each reports what it saw and the latest report wins.
 */
public final class ActivityRecorder implements AutoCloseable {
    public static final Duration EVERY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(ActivityRecorder.class);

    private final Map<String, IntegrationActivity> latest = new ConcurrentHashMap<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final String bootstrapServers;
    private final short replicationFactor;
    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "activity-reporter");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaProducer<String, IntegrationActivity> producer;

    public ActivityRecorder(String bootstrapServers, short replicationFactor, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
        this.clock = clock;
    }

    public ActivityRecorder start() {
        reporter.scheduleWithFixedDelay(this::report, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Notes one answered request of an integration; {@code error} when it failed. */
    public void record(String integrationId, String request, int status, ScimError error) {
        IntegrationActivity.Request now = new IntegrationActivity.Request(clock.instant(), request, status,
                error == null ? null : error.scimType(), error == null ? null : error.detail());
        latest.compute(integrationId, (id, before) -> new IntegrationActivity(id, now,
                status >= 400 ? now : before == null ? null : before.lastError()));
        changed.add(integrationId);
    }

    /** The last activity noted for an integration, or null. */
    public IntegrationActivity activity(String integrationId) {
        return latest.get(integrationId);
    }

    private void report() {
        if (changed.isEmpty()) {
            return;
        }
        try {
            KafkaProducer<String, IntegrationActivity> out = producer();
            for (String id : List.copyOf(changed)) {
                changed.remove(id);
                IntegrationActivity activity = latest.get(id);
                out.send(new ProducerRecord<>(Topics.INTEGRATION_ACTIVITY.name(), id, activity), (metadata, e) -> {
                    if (e != null) {
                        changed.add(id);
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot report integration activity now: {}", e.getClass().getSimpleName());
        }
    }

    private KafkaProducer<String, IntegrationActivity> producer() {
        if (producer == null) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                TopicInstaller.ensure(admin, List.of(Topics.INTEGRATION_ACTIVITY), replicationFactor);
            }
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "1",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    ProducerConfig.CLIENT_ID_CONFIG, "ingest-activity-reporter"),
                    Topics.INTEGRATION_ACTIVITY.keySerde().serializer(),
                    Topics.INTEGRATION_ACTIVITY.valueSerde().serializer());
        }
        return producer;
    }

    @Override
    public void close() {
        reporter.shutdown();
        try {
            reporter.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report();
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
