package dev.accesslists.scim.schemas;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.schemas.command.CommandEnvelope;
import dev.accesslists.scim.schemas.command.Outcome;
import dev.accesslists.scim.schemas.event.DirectoryEvent;
import dev.accesslists.scim.schemas.event.MembershipChange;
import dev.accesslists.scim.schemas.grants.EffectiveGrants;
import dev.accesslists.scim.schemas.integration.IntegrationActivity;
import dev.accesslists.scim.schemas.integration.SamlConnector;
import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the pipeline, with its key and value types. Names carry a version: a new,
 * incompatible contract gets a new topic.
 */
public final class Topics {
    /**
     * Largest record on any topic of the pipeline, changelogs included. A SCIM body may be up to
     * 3 MiB, and what is derived from it (the stored user, the outcome with a group's members, an
     * event naming the user) must never be refused by the broker: a refused write would stop the
     * single writer. Kafka's default is 1 MiB.
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
    public static final Map<String, String> LARGE_RECORDS = Map.of("max.message.bytes",
            String.valueOf(MAX_RECORD_BYTES));
    /*
     * Cleanup policy and retention are stated for every topic, never left to the broker's
     * defaults (which a cluster may set to anything): a log is either kept forever (delete policy
     * with no time or size limit) or compacted (the latest value of each key; retention.ms and
     * retention.bytes do not apply). The README's "Retention" table lists the same values.
     */
    private static final Map<String, String> LOG_FOREVER = Map.of(
            "cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1",
            "max.message.bytes", String.valueOf(MAX_RECORD_BYTES));
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
    private static final Map<String, String> COMMAND_LOG = LOG_FOREVER;

    /** Accepted SCIM writes, keyed by directory id: all writes of a directory share one partition. */
    public static final Topic<String, CommandEnvelope> COMMANDS = new Topic<>("scim.commands.v1",
            Serdes.String(), JsonSerde.of(CommandEnvelope.class), 3, COMMAND_LOG);

    /**
     * The result of each command, keyed by request id, read by the ingest service to answer HTTP.
     * Kept one day: an outcome is read within seconds of being written, and the audit history is
     * on the command log and the events.
     */
    public static final Topic<String, Outcome> OUTCOMES = new Topic<>("scim.outcomes.v1",
            Serdes.String(), JsonSerde.of(Outcome.class), 3,
            Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(24L * 3600 * 1000),
                    "retention.bytes", "-1", "max.message.bytes", String.valueOf(MAX_RECORD_BYTES)));

    /** Domain events, keyed by directory id: the audit log. */
    public static final Topic<String, DirectoryEvent> EVENTS = new Topic<>("scim.events.v1",
            Serdes.String(), JsonSerde.of(DirectoryEvent.class), 3, LOG_FOREVER);

    /** Membership changes for downstream consumers, keyed by Access List title. */
    public static final Topic<String, MembershipChange> MEMBERSHIP = new Topic<>("accesslist.membership.v1",
            Serdes.String(), JsonSerde.of(MembershipChange.class), 6, LOG_FOREVER);

    /**
     * Each user's current effective grants per integration, keyed by {@code integrationId/userId};
     * compacted, so the latest record per user is kept; a null value: the user was deleted.
     */
    public static final Topic<String, EffectiveGrants> GRANTS = new Topic<>("accesslist.grants.v1",
            Serdes.String(), JsonSerde.of(EffectiveGrants.class), 6, COMPACTED);

    /** Access List definitions (Teleport resource shape), keyed by list name; a null value deletes. */
    public static final Topic<String, AccessList> ACCESS_LISTS = new Topic<>("accesslists.v1",
            Serdes.String(), JsonSerde.of(AccessList.class), 1, COMPACTED);

    /** SCIM integrations, keyed by integration (client) id; never a plain secret. */
    public static final Topic<String, ScimIntegration> INTEGRATIONS = new Topic<>("scim.integrations.v1",
            Serdes.String(), JsonSerde.of(ScimIntegration.class), 1, COMPACTED);

    /** Registered SAML connectors, keyed by connector name; a null value deletes. */
    public static final Topic<String, SamlConnector> SAML_CONNECTORS = new Topic<>("saml.connectors.v1",
            Serdes.String(), JsonSerde.of(SamlConnector.class), 1, COMPACTED);

    /**
     * What each integration's IdP last did (last request, last error), keyed by integration id;
     * reported by the ingest service, shown by the admin API and console.
     */
    public static final Topic<String, IntegrationActivity> INTEGRATION_ACTIVITY = new Topic<>(
            "scim.integration-activity.v1", Serdes.String(), JsonSerde.of(IntegrationActivity.class), 1, COMPACTED);

    /**
     * Command records the single writer could not read or accept, exactly as they arrived (key and
     * value bytes), with where they came from and why in headers (see {@link DeadLetters}). Kept
     * like the command log: an operator inspects and, if need be, re-submits them.
     */
    public static final Topic<byte[], byte[]> DEAD_LETTERS = new Topic<>("scim.commands.dlq.v1",
            Serdes.ByteArray(), Serdes.ByteArray(), 1, LOG_FOREVER);

    /**
     * The setting that gives the command log's partition count when it is created: the unit of
     * parallelism of the single writer (a directory lives on one partition; partitions spread over
     * instances and stream threads). It only applies to a new log: adding partitions later would
     * move directories to partitions whose state does not hold them.
     */
    public static final String COMMAND_PARTITIONS_SETTING = "COMMAND_PARTITIONS";

    /** The command log's partition count from a service's settings, or the default. */
    public static int commandPartitions(java.util.Map<String, String> env) {
        String value = env.get(COMMAND_PARTITIONS_SETTING);
        int partitions = value == null || value.isBlank() ? COMMANDS.partitions() : Integer.parseInt(value.trim());
        if (partitions < 1) {
            throw new IllegalArgumentException(COMMAND_PARTITIONS_SETTING + " must be at least 1");
        }
        return partitions;
    }

    private Topics() {
    }

    /** Every topic of the pipeline. */
    public static List<Topic<?, ?>> all() {
        return List.of(COMMANDS, OUTCOMES, EVENTS, MEMBERSHIP, GRANTS, ACCESS_LISTS, INTEGRATIONS, SAML_CONNECTORS, INTEGRATION_ACTIVITY,
                DEAD_LETTERS);
    }

    /** The topics whose values are JSON documents with a JSON Schema under {@code schemas/}. */
    public static List<Topic<?, ?>> withJsonPayload() {
        return all().stream().filter(t -> t != DEAD_LETTERS).toList();
    }
}
