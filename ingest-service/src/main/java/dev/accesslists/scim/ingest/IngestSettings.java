package dev.accesslists.scim.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the ingest service.
 *
 * @param bootstrapServers the Kafka cluster
 * @param port HTTP port (0 picks a free one)
 * @param scimBaseUrl public SCIM base URL; its path is where the SCIM endpoints are served, and it
 *     is the audience access tokens must name
 * @param issuer the token service's issuer, which access tokens must name
 * @param jwksUrl where the token service publishes its signing keys
 * @param queryUrl the membership-streams query API
 * @param writeTimeout how long a write waits for its outcome
 * @param replicationFactor for topics this service creates; -1 takes the broker's default
 */
public record IngestSettings(String bootstrapServers, int port, URI scimBaseUrl, String issuer, URI jwksUrl,
                             URI queryUrl, Duration writeTimeout, short replicationFactor) {

    public static IngestSettings fromEnv(Map<String, String> env) {
        String issuer = env.getOrDefault("TOKEN_ISSUER", "http://localhost:8081");
        return new IngestSettings(
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                Integer.parseInt(env.getOrDefault("INGEST_PORT", "8080")),
                URI.create(env.getOrDefault("SCIM_BASE_URL", "http://localhost:8080/scim/v2")),
                issuer,
                URI.create(env.getOrDefault("TOKEN_JWKS_URL", issuer + "/.well-known/jwks.json")),
                URI.create(env.getOrDefault("STREAMS_QUERY_URL", "http://localhost:8082")),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("WRITE_TIMEOUT_MS", "30000"))),
                Short.parseShort(env.getOrDefault("KAFKA_REPLICATION_FACTOR", "-1")));
    }

    /** The path the SCIM endpoints live under, without a trailing slash, e.g. {@code /scim/v2}. */
    public String basePath() {
        String path = scimBaseUrl.getPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    public String baseUrl() {
        String url = scimBaseUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
