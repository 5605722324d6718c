package dev.accesslists.scim.streams;

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
 * @param commitIntervalMs transaction commit interval: the floor of write latency under exactly-once
 * @param replicationFactor of internal topics; -1 takes the broker's default
 */
public record StreamsSettings(String bootstrapServers, String applicationId, Path stateDir, String queryHost,
                              int queryPort, long commitIntervalMs, short replicationFactor) {

    public static StreamsSettings fromEnv(Map<String, String> env) {
        return new StreamsSettings(
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                env.getOrDefault("STREAMS_APPLICATION_ID", "membership-streams"),
                Path.of(env.getOrDefault("DATA_DIR", "data")).resolve("streams"),
                env.getOrDefault("STREAMS_QUERY_HOST", "localhost"),
                Integer.parseInt(env.getOrDefault("STREAMS_QUERY_PORT", "8082")),
                Long.parseLong(env.getOrDefault("STREAMS_COMMIT_INTERVAL_MS", "20")),
                Short.parseShort(env.getOrDefault("KAFKA_REPLICATION_FACTOR", "-1")));
    }
}
