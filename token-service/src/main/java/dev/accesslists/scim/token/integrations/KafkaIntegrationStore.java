package dev.accesslists.scim.token.integrations;

import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.integration.ScimIntegration;
import dev.accesslists.scim.token.store.KafkaKeyedStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * An {@link IntegrationStore} backed by the compacted {@link Topics#INTEGRATIONS} topic (see
 * {@link KafkaKeyedStore}): every instance keeps a full copy in memory, and a write completes once
 * this store has read it back.
 */
public final class KafkaIntegrationStore implements IntegrationStore {
    private final KafkaKeyedStore<ScimIntegration> store;

    /** Connects to the given brokers; creates the topic with replication factor 1 if it is missing. */
    public KafkaIntegrationStore(String bootstrapServers) {
        this(bootstrapServers, (short) 1);
    }

    /** Connects to the given brokers; creates the topic with this replication factor if it is missing. */
    public KafkaIntegrationStore(String bootstrapServers, short replicationFactor) {
        this(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), replicationFactor);
    }

    public KafkaIntegrationStore(Map<String, Object> clientConfigs, short replicationFactor) {
        this.store = new KafkaKeyedStore<>(Topics.INTEGRATIONS, clientConfigs, replicationFactor);
    }

    @Override
    public Optional<ScimIntegration> find(String clientId) {
        return store.find(clientId);
    }

    @Override
    public List<ScimIntegration> all() {
        return store.all();
    }

    @Override
    public boolean ready() {
        return store.ready();
    }

    @Override
    public CompletableFuture<ScimIntegration> put(ScimIntegration integration) {
        return store.put(integration.clientId(), integration);
    }

    @Override
    public CompletableFuture<Boolean> delete(String clientId) {
        return store.delete(clientId);
    }

    @Override
    public void close() {
        store.close();
    }
}
