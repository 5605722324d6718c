package dev.accesslists.scim.token.integrations;

import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link IntegrationStore} held in memory only, for tests and local experiments. Always ready. */
public final class InMemoryIntegrationStore implements IntegrationStore {
    private final Map<String, ScimIntegration> integrations = new ConcurrentHashMap<>();

    @Override
    public Optional<ScimIntegration> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(integrations.get(clientId));
    }

    @Override
    public CompletableFuture<ScimIntegration> put(ScimIntegration integration) {
        integrations.put(integration.clientId(), integration);
        return CompletableFuture.completedFuture(integration);
    }

    @Override
    public CompletableFuture<Boolean> delete(String clientId) {
        return CompletableFuture.completedFuture(integrations.remove(clientId) != null);
    }

    @Override
    public List<ScimIntegration> all() {
        return List.copyOf(integrations.values());
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
