package dev.accesslists.scim.ingest;

import dev.accesslists.scim.schemas.runtime.InternalTls;
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
 * @param writeTimeout how long a write waits for its outcome before answering 503
 * @param replicationFactor for topics this service creates; -1 takes the broker's default
 * @param internalToken the shared secret that authenticates calls to the membership-streams query API
 * @param rateLimitPerSecond SCIM requests per second allowed per integration on this instance (0: no limit)
 * @param rateLimitBurst how many requests an integration may make at once before the rate applies
 * @param bindHost the interface to listen on ({@code 0.0.0.0}: all)
 * @param tls mutual TLS towards the query API (whose URL is then {@code https}), or null
 */
public record IngestSettings(String bootstrapServers, int port, URI scimBaseUrl, String issuer, URI jwksUrl,
                             URI queryUrl, Duration writeTimeout, short replicationFactor, String internalToken,
                             long rateLimitPerSecond, long rateLimitBurst, String bindHost, InternalTls tls,
                             int commandPartitions) {
    public static final long DEFAULT_RATE_LIMIT_PER_SECOND = 1000;
    public static final long DEFAULT_RATE_LIMIT_BURST = 2000;

    public IngestSettings {
        if (internalToken == null || internalToken.isBlank()) {
            throw new IllegalArgumentException("INTERNAL_TOKEN must be set: the shared secret of the internal"
                    + " query API (the same value as membership-streams')");
        }
        if (rateLimitPerSecond < 0 || rateLimitBurst < 0) {
            throw new IllegalArgumentException("rate limits must not be negative");
        }
    }

    public static IngestSettings fromEnv(Map<String, String> env) {
        String issuer = env.getOrDefault("TOKEN_ISSUER", "http://localhost:8081");
        return new IngestSettings(
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                Integer.parseInt(env.getOrDefault("INGEST_PORT", "8080")),
                URI.create(env.getOrDefault("SCIM_BASE_URL", "http://localhost:8080/scim/v2")),
                issuer,
                URI.create(env.getOrDefault("TOKEN_JWKS_URL", issuer + "/.well-known/jwks.json")),
                URI.create(env.getOrDefault("STREAMS_QUERY_URL", "http://localhost:8082")),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("WRITE_TIMEOUT_MS", "10000"))),
                Short.parseShort(env.getOrDefault("KAFKA_REPLICATION_FACTOR", "-1")),
                env.get("INTERNAL_TOKEN"),
                Long.parseLong(env.getOrDefault("SCIM_RATE_LIMIT_PER_SECOND",
                        String.valueOf(DEFAULT_RATE_LIMIT_PER_SECOND))),
                Long.parseLong(env.getOrDefault("SCIM_RATE_LIMIT_BURST", String.valueOf(DEFAULT_RATE_LIMIT_BURST))),
                env.getOrDefault("INGEST_BIND_HOST", "0.0.0.0"),
                InternalTls.fromEnv(env).orElse(null),
                dev.accesslists.scim.schemas.Topics.commandPartitions(env));
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

    /** Never prints the internal token. */
    @Override
    public String toString() {
        return "IngestSettings[bootstrapServers=" + bootstrapServers + ", port=" + port + ", scimBaseUrl="
                + scimBaseUrl + ", queryUrl=" + queryUrl + ", internalToken=***]";
    }
}
