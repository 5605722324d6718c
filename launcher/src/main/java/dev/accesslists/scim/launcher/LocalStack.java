package dev.accesslists.scim.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accesslists.scim.ingest.IngestApp;
import dev.accesslists.scim.ingest.IngestSettings;
import dev.accesslists.scim.schemas.Json;
import dev.accesslists.scim.schemas.accesslist.AccessList;
import dev.accesslists.scim.streams.MembershipStreamsApp;
import dev.accesslists.scim.streams.StreamsSettings;
import dev.accesslists.scim.token.TokenServiceApp;
import dev.accesslists.scim.token.TokenServiceConfig;
import dev.accesslists.scim.token.AdminBackends;
import dev.accesslists.scim.token.keys.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three services wired together in this JVM against one Kafka cluster: what the run command
 * starts (with a child-process broker) and what the end-to-end tests start (with an in-process
 * broker).
 */
public final class LocalStack implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    /**
     * @param bootstrapServers the Kafka cluster
     * @param dataDir signing key, admin and internal tokens and RocksDB state live here
     * @param host the host name the services are reached at
     * @param environment further service settings, as the services read them from the environment
     *     (e.g. {@code SCIM_RATE_LIMIT_PER_SECOND}); they win over what this class derives
     */
    public record Settings(String bootstrapServers, Path dataDir, String host, int ingestPort, int tokenPort,
                           int queryPort, Map<String, String> environment) {
        public Settings {
            environment = Map.copyOf(environment);
        }

        public Settings(String bootstrapServers, Path dataDir, String host, int ingestPort, int tokenPort,
                        int queryPort) {
            this(bootstrapServers, dataDir, host, ingestPort, tokenPort, queryPort, Map.of());
        }

        /** The same settings with more service settings. */
        public Settings with(Map<String, String> more) {
            Map<String, String> merged = new HashMap<>(environment);
            merged.putAll(more);
            return new Settings(bootstrapServers, dataDir, host, ingestPort, tokenPort, queryPort, merged);
        }

        public String scimBaseUrl() {
            return "http://" + host + ":" + ingestPort + "/scim/v2";
        }

        public String tokenIssuer() {
            return "http://" + host + ":" + tokenPort;
        }
    }

    /** What a SCIM client needs, like an integration's credentials screen. */
    public record Credentials(String clientId, Optional<String> clientSecret, String scimBaseUrl, String tokenUrl,
                              String samlConnector) {
        @Override
        public String toString() {
            return "Credentials[clientId=" + clientId + ", scimBaseUrl=" + scimBaseUrl + "]";
        }
    }

    private final Settings settings;
    private final String adminToken;
    private final AdminBackends integrations;
    private final TokenServiceApp token;
    private volatile MembershipStreamsApp streams;
    private final StreamsSettings streamsSettings;
    private final IngestApp ingest;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalStack(Settings settings, String adminToken, AdminBackends integrations,
                       TokenServiceApp token, StreamsSettings streamsSettings, MembershipStreamsApp streams,
                       IngestApp ingest) {
        this.streamsSettings = streamsSettings;
        this.settings = settings;
        this.adminToken = adminToken;
        this.integrations = integrations;
        this.token = token;
        this.streams = streams;
        this.ingest = ingest;
    }

    public static LocalStack start(Settings settings) {
        Map<String, String> env = environment(settings);
        String adminToken = env.get("ADMIN_TOKEN");
        TokenServiceConfig tokenConfig = TokenServiceConfig.fromEnv(env);
        AdminBackends integrations = AdminBackends.onKafka(tokenConfig, env);
        TokenServiceApp token = new TokenServiceApp(tokenConfig, integrations,
                SigningKeys.loadOrCreate(settings.dataDir())).start();
        StreamsSettings streamsSettings = StreamsSettings.fromEnv(env);
        MembershipStreamsApp streams = new MembershipStreamsApp(streamsSettings).start();
        streams.awaitRunning(Duration.ofMinutes(2));
        IngestApp ingest = new IngestApp(IngestSettings.fromEnv(env)).start();
        return new LocalStack(settings, adminToken, integrations, token, streamsSettings, streams, ingest);
    }

    /**
     * What each service reads from its environment when it runs alone, for this stack: the
     * public services on {@code host}, the internal query API on the loopback interface only,
     * guarded by a token kept in the data folder, and static group membership so that a restart
     * after a crash is ready at once.
     */
    public static Map<String, String> environment(Settings settings) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", settings.bootstrapServers());
        env.put("DATA_DIR", settings.dataDir().toString());
        env.put("TOKEN_PORT", String.valueOf(settings.tokenPort()));
        env.put("TOKEN_ISSUER", settings.tokenIssuer());
        env.put("SCIM_BASE_URL", settings.scimBaseUrl());
        env.put("ADMIN_TOKEN", secret(settings.dataDir(), "admin-token"));
        env.put("INTERNAL_TOKEN", secret(settings.dataDir(), "internal-token"));
        env.put("INGEST_PORT", String.valueOf(settings.ingestPort()));
        env.put("STREAMS_QUERY_PORT", String.valueOf(settings.queryPort()));
        env.put("STREAMS_QUERY_HOST", LOOPBACK);
        env.put("STREAMS_QUERY_BIND_HOST", LOOPBACK);
        env.put("STREAMS_QUERY_URL", "http://" + LOOPBACK + ":" + settings.queryPort());
        env.put("STREAMS_INSTANCE_ID", "membership-streams-1");
        env.put("STREAMS_SESSION_TIMEOUT_MS", "10000");
        env.putAll(settings.environment());
        return env;
    }

    public Settings settings() {
        return settings;
    }

    public MembershipStreamsApp streams() {
        return streams;
    }

    /**
     * Stops membership-streams and starts it again on the same query port, as after a crash or a
     * deployment; with {@code loseLocalState} its RocksDB folder is deleted first, so the state
     * must be restored from the changelog topics.
     */
    public void restartStreams(boolean loseLocalState) {
        streams.close();
        if (loseLocalState) {
            deleteRecursively(streamsSettings.stateDir());
        }
        MembershipStreamsApp restarted = new MembershipStreamsApp(streamsSettings).start();
        restarted.awaitRunning(Duration.ofMinutes(2));
        streams = restarted;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void apply(List<AccessList> lists) {
        AccessListPublisher.publish(settings.bootstrapServers(), lists);
    }

    /**
     * Returns the integration bound to {@code samlConnector}, creating it when there is none. The
     * secret is known only when the integration is created or {@code rotate} is set.
     */
    public Credentials ensureIntegration(String name, String samlConnector, boolean rotate) {
        awaitTokenServiceReady();
        admin().ensureConnector(samlConnector);
        for (JsonNode integration : admin().list()) {
            if (samlConnector.equals(integration.path("samlConnector").asText())
                    && name.equals(integration.path("name").asText())) {
                String clientId = integration.path("clientId").asText();
                if (!rotate) {
                    return new Credentials(clientId, Optional.empty(), settings.scimBaseUrl(), tokenUrl(),
                            samlConnector);
                }
                return credentials(admin().rotateSecret(clientId));
            }
        }
        return credentials(admin().create(name, samlConnector));
    }

    /**
     * Where Prometheus scrapes each service, by service: ingest and token service on the public
     * host, membership-streams on the loopback interface its internal API is bound to.
     */
    public Map<String, String> metricsUrls() {
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        urls.put("ingest-service", "http://" + settings.host() + ":" + ingest.port() + "/metrics");
        urls.put("token-service", settings.tokenIssuer() + "/metrics");
        urls.put("membership-streams", "http://" + LOOPBACK + ":" + streams.queryPort() + "/metrics");
        return urls;
    }

    /** The web console's address. */
    public String consoleUrl() {
        return settings.tokenIssuer() + "/console/";
    }

    /** Applies an Access List file through the admin API: only what changed is written. */
    public JsonNode applyChanged(Path file, boolean prune) {
        awaitTokenServiceReady();
        try {
            return admin().applyAccessLists(Files.readString(file), prune);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token service's admin API of this stack. */
    public AdminApi admin() {
        return new AdminApi(settings.tokenIssuer(), adminToken);
    }

    private Credentials credentials(JsonNode created) {
        return new Credentials(created.path("clientId").asText(), Optional.of(created.path("clientSecret").asText()),
                created.path("scimBaseUrl").asText(settings.scimBaseUrl()), tokenUrl(),
                created.path("samlConnector").asText());
    }

    /** The integration store is ready once it has read the whole integrations topic. */
    private void awaitTokenServiceReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(settings.tokenIssuer() + "/ready")).build();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
                Thread.sleep(50);
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("token service not ready within 60 s");
    }

    public String tokenUrl() {
        return settings.tokenIssuer() + "/oauth2/token";
    }

    /** The admin token, as the launcher's commands read it from the data folder. */
    public static String adminToken(Path dataDir) {
        return secret(dataDir, "admin-token");
    }

    /** A secret generated on first start and kept owner-readable in the data folder. */
    private static String secret(Path dataDir, String name) {
        Path file = dataDir.resolve(name);
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, token);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ingest.close();
        streams.close();
        token.stop();
        integrations.close();
    }
}
