package dev.accesslists.scim.token;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the token service. Immutable; read from the environment by {@link #fromEnv(Map)}.
 *
 * @param port HTTP port (0 picks a free port)
 * @param issuer public base URL of this service; the {@code iss} of every token and the RFC 8414
 *     issuer identifier (no trailing slash, no query, no fragment)
 * @param audience the SCIM base URL; the {@code aud} of every token and the {@code scimBaseUrl}
 *     handed to admins
 * @param dataDir directory holding the signing key
 * @param bootstrapServers Kafka bootstrap servers
 * @param adminToken bearer token guarding the admin API; never printed
 * @param tokenTtl lifetime of issued access tokens
 * @param topicReplicationFactor replication factor used when this service creates the
 *     integrations topic
 * @param authFailuresPerMinute failed client authentications allowed per client id and address per
 *     minute before the token endpoint answers 429 (0: no limit)
 * @param authFailuresPerAddressPerMinute failed client authentications allowed per address per
 *     minute, whatever the client id (0: no limit)
 */
public record TokenServiceConfig(int port, String issuer, String audience, Path dataDir, String bootstrapServers,
                                 String adminToken, Duration tokenTtl, short topicReplicationFactor,
                                 int authFailuresPerMinute, int authFailuresPerAddressPerMinute) {

    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_SCIM_BASE_URL = "http://localhost:8080/scim/v2";
    public static final Path DEFAULT_DATA_DIR = Path.of("./data");
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(1);
    public static final int DEFAULT_AUTH_FAILURES_PER_MINUTE = 10;
    public static final int DEFAULT_AUTH_FAILURES_PER_ADDRESS_PER_MINUTE = 30;
    private static final Duration MAX_TOKEN_TTL = Duration.ofHours(24);

    public TokenServiceConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        issuer = normalizeIssuer(issuer);
        audience = requireText(audience, "audience (SCIM base URL)");
        Objects.requireNonNull(dataDir, "dataDir");
        bootstrapServers = requireText(bootstrapServers, "bootstrapServers");
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("adminToken is required");
        }
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        if (tokenTtl.toSeconds() < 1 || tokenTtl.compareTo(MAX_TOKEN_TTL) > 0) {
            throw new IllegalArgumentException("tokenTtl must be between 1 second and 24 hours");
        }
        if (topicReplicationFactor < 1) {
            throw new IllegalArgumentException("topicReplicationFactor must be positive");
        }
        if (authFailuresPerMinute < 0 || authFailuresPerAddressPerMinute < 0) {
            throw new IllegalArgumentException("failed authentication limits must not be negative");
        }
    }

    /** The settings with the default failed-authentication limits. */
    public TokenServiceConfig(int port, String issuer, String audience, Path dataDir, String bootstrapServers,
                              String adminToken, Duration tokenTtl, short topicReplicationFactor) {
        this(port, issuer, audience, dataDir, bootstrapServers, adminToken, tokenTtl, topicReplicationFactor,
                DEFAULT_AUTH_FAILURES_PER_MINUTE, DEFAULT_AUTH_FAILURES_PER_ADDRESS_PER_MINUTE);
    }

    /** The settings without a topic replication factor: topics are created with replication factor 1. */
    public TokenServiceConfig(int port, String issuer, String audience, Path dataDir, String bootstrapServers,
                              String adminToken, Duration tokenTtl) {
        this(port, issuer, audience, dataDir, bootstrapServers, adminToken, tokenTtl, (short) 1);
    }

    /**
     * Reads the settings from environment variables: {@code TOKEN_PORT} (8081), {@code TOKEN_ISSUER}
     * ({@code http://localhost:<port>}), {@code SCIM_BASE_URL} ({@value #DEFAULT_SCIM_BASE_URL}),
     * {@code DATA_DIR} (./data), {@code KAFKA_BOOTSTRAP_SERVERS} (localhost:9092), {@code ADMIN_TOKEN}
     * (required), {@code TOKEN_TTL_SECONDS} (3600), {@code TOPIC_REPLICATION_FACTOR} (1),
     * {@code TOKEN_AUTH_FAILURES_PER_MINUTE} (10, per client id and address),
     * {@code TOKEN_AUTH_FAILURES_PER_ADDRESS_PER_MINUTE} (30).
     *
     * @throws IllegalArgumentException naming the variable that is missing or invalid
     */
    public static TokenServiceConfig fromEnv(Map<String, String> env) {
        int port = intVar(env, "TOKEN_PORT", DEFAULT_PORT);
        String issuer = textVar(env, "TOKEN_ISSUER", "http://localhost:" + (port == 0 ? DEFAULT_PORT : port));
        String adminToken = env.get("ADMIN_TOKEN");
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException(
                    "ADMIN_TOKEN must be set: it is the bearer token that guards the token service's admin API");
        }
        return new TokenServiceConfig(
                port,
                issuer,
                textVar(env, "SCIM_BASE_URL", DEFAULT_SCIM_BASE_URL),
                Path.of(textVar(env, "DATA_DIR", DEFAULT_DATA_DIR.toString())),
                textVar(env, "KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP_SERVERS),
                adminToken.strip(),
                Duration.ofSeconds(intVar(env, "TOKEN_TTL_SECONDS", (int) DEFAULT_TOKEN_TTL.toSeconds())),
                (short) intVar(env, "TOPIC_REPLICATION_FACTOR", 1),
                intVar(env, "TOKEN_AUTH_FAILURES_PER_MINUTE", DEFAULT_AUTH_FAILURES_PER_MINUTE),
                intVar(env, "TOKEN_AUTH_FAILURES_PER_ADDRESS_PER_MINUTE", DEFAULT_AUTH_FAILURES_PER_ADDRESS_PER_MINUTE));
    }

    /** RFC 8414 {@code token_endpoint}. */
    public String tokenEndpoint() {
        return issuer + "/oauth2/token";
    }

    /** RFC 8414 {@code jwks_uri}. */
    public String jwksUri() {
        return issuer + "/.well-known/jwks.json";
    }

    /** Never prints the admin token. */
    @Override
    public String toString() {
        return "TokenServiceConfig[port=" + port + ", issuer=" + issuer + ", audience=" + audience
                + ", dataDir=" + dataDir + ", bootstrapServers=" + bootstrapServers + ", adminToken=***"
                + ", tokenTtl=" + tokenTtl + ", topicReplicationFactor=" + topicReplicationFactor
                + ", authFailuresPerMinute=" + authFailuresPerMinute
                + ", authFailuresPerAddressPerMinute=" + authFailuresPerAddressPerMinute + "]";
    }

    /** RFC 8414 §2: the issuer is an https (here also http, for local use) URL with no query or fragment. */
    private static String normalizeIssuer(String issuer) {
        String value = requireText(issuer, "issuer");
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("issuer is not a valid URL: " + issuer);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "issuer must be an http(s) URL without query or fragment: " + issuer);
        }
        return value;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.strip();
    }

    private static String textVar(Map<String, String> env, String name, String defaultValue) {
        String value = env.get(name);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    private static int intVar(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'");
        }
    }
}
