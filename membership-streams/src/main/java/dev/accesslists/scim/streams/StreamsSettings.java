package dev.accesslists.scim.streams;

import dev.accesslists.scim.schemas.runtime.InternalTls;
import java.nio.file.Path;
import java.util.Map;

/**
 * Settings of the membership-streams service.
 *
 * @param bootstrapServers the Kafka cluster
 * @param applicationId Kafka Streams application id (consumer group and internal topic prefix)
 * @param stateDir where RocksDB keeps the directory state
 * @param queryHost host other services use to reach this instance's query API
 * @param queryPort port of the query API (0 picks a free one)
 * @param commitIntervalMs transaction commit interval: how soon read_committed consumers see events, and
 *     how much work each transaction carries (writes are answered before the commit)
 * @param replicationFactor of internal topics; -1 takes the broker's default
 * @param internalToken the shared secret every call to the query API must carry
 * @param queryBindHost the interface the query API listens on ({@code 0.0.0.0}: all)
 * @param instanceId a stable name of this instance for static group membership, so that a
 *     restarted instance takes its tasks back at once instead of after the session timeout; null
 *     for dynamic membership. Must differ between instances.
 * @param sessionTimeoutMs how long the group waits for an instance that stopped answering
 * @param tls mutual TLS for the query API, or null for plain HTTP
 * @param threads stream threads of this instance: each processes some of the command partitions
 * @param commandPartitions partitions of the command log when this instance creates it
 */
public record StreamsSettings(String bootstrapServers, String applicationId, Path stateDir, String queryHost,
                              int queryPort, long commitIntervalMs, short replicationFactor, String internalToken,
                              String queryBindHost, String instanceId, int sessionTimeoutMs, InternalTls tls,
                              int threads, int commandPartitions) {

    public StreamsSettings {
        if (internalToken == null || internalToken.isBlank()) {
            throw new IllegalArgumentException("INTERNAL_TOKEN must be set: the shared secret of the internal"
                    + " query API (the same value as the ingest service's)");
        }
    }

    public static StreamsSettings fromEnv(Map<String, String> env) {
        return new StreamsSettings(
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                env.getOrDefault("STREAMS_APPLICATION_ID", "membership-streams"),
                Path.of(env.getOrDefault("DATA_DIR", "data")).resolve("streams"),
                env.getOrDefault("STREAMS_QUERY_HOST", "localhost"),
                Integer.parseInt(env.getOrDefault("STREAMS_QUERY_PORT", "8082")),
                Long.parseLong(env.getOrDefault("STREAMS_COMMIT_INTERVAL_MS", "100")),
                Short.parseShort(env.getOrDefault("KAFKA_REPLICATION_FACTOR", "-1")),
                env.get("INTERNAL_TOKEN"),
                env.getOrDefault("STREAMS_QUERY_BIND_HOST", "0.0.0.0"),
                blankToNull(env.get("STREAMS_INSTANCE_ID")),
                Integer.parseInt(env.getOrDefault("STREAMS_SESSION_TIMEOUT_MS", "15000")),
                InternalTls.fromEnv(env).orElse(null),
                Integer.parseInt(env.getOrDefault("STREAMS_THREADS", "1")),
                dev.accesslists.scim.schemas.Topics.commandPartitions(env));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Never prints the internal token. */
    @Override
    public String toString() {
        return "StreamsSettings[bootstrapServers=" + bootstrapServers + ", applicationId=" + applicationId
                + ", stateDir=" + stateDir + ", query=" + queryHost + ":" + queryPort + ", instanceId=" + instanceId
                + ", tls=" + (tls != null) + ", threads=" + threads + ", commandPartitions=" + commandPartitions
                + ", internalToken=***]";
    }
}
