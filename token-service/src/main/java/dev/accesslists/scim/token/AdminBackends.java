package dev.accesslists.scim.token;

import dev.accesslists.scim.schemas.integration.IntegrationActivity;
import dev.accesslists.scim.schemas.integration.SamlConnector;
import dev.accesslists.scim.token.accesslists.AccessListStore;
import dev.accesslists.scim.token.accesslists.InMemoryAccessListStore;
import dev.accesslists.scim.token.directory.DirectoryClient;
import dev.accesslists.scim.token.integrations.IntegrationStore;
import dev.accesslists.scim.token.store.InMemoryKeyedStore;
import dev.accesslists.scim.token.store.KeyedStore;

/**
 * Where the admin API keeps and reads what it manages.
 *
 * @param integrations SCIM integrations
 * @param connectors registered SAML connectors
 * @param accessLists Access List definitions
 * @param activity each integration's last request and last error, as the ingest service reports them
 * @param directory reads of the membership state, or null when it is not configured
 */
public record AdminBackends(IntegrationStore integrations, KeyedStore<SamlConnector> connectors,
                            AccessListStore accessLists, KeyedStore<IntegrationActivity> activity,
                            DirectoryClient directory) {

    /** Integrations from {@code integrations}; connectors and lists in memory; no membership state. */
    public static AdminBackends inMemory(IntegrationStore integrations) {
        return new AdminBackends(integrations, new InMemoryKeyedStore<>(), new InMemoryAccessListStore(),
                new InMemoryKeyedStore<>(), null);
    }

    /**
     * Everything on Kafka: integrations, connectors and Access Lists on their compacted topics, and
     * the membership state through the query API named by {@code STREAMS_QUERY_URL}, when
     * {@code INTERNAL_TOKEN} is set.
     */
    public static AdminBackends onKafka(TokenServiceConfig config, java.util.Map<String, String> env) {
        java.util.Map<String, Object> clients = java.util.Map.of(
                org.apache.kafka.clients.CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        short replication = config.topicReplicationFactor();
        return new AdminBackends(new dev.accesslists.scim.token.integrations.KafkaIntegrationStore(clients, replication),
                new dev.accesslists.scim.token.store.KafkaKeyedStore<>(dev.accesslists.scim.schemas.Topics.SAML_CONNECTORS,
                        clients, replication),
                new dev.accesslists.scim.token.accesslists.KafkaAccessListStore(clients, replication,
                        dev.accesslists.scim.schemas.Topics.commandPartitions(env)),
                new dev.accesslists.scim.token.store.KafkaKeyedStore<>(
                        dev.accesslists.scim.schemas.Topics.INTEGRATION_ACTIVITY, clients, replication),
                DirectoryClient.fromEnv(env));
    }

    /** Whether every store has read its source. */
    public boolean ready() {
        return integrations.ready() && connectors.ready() && accessLists.ready();
    }

    /** Closes the stores. */
    public void close() {
        integrations.close();
        connectors.close();
        accessLists.close();
        activity.close();
    }
}
