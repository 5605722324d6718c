package dev.accesslists.scim.token.integrations;

import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where SCIM integrations live. Reads are local and cheap (the token endpoint calls
 * {@link #find} on every request); writes are asynchronous.
 */
public interface IntegrationStore extends AutoCloseable {

    /** The integration with this client id, if any. */
    Optional<ScimIntegration> find(String clientId);

    /**
     * Stores (creates or replaces) an integration. The future completes once the write is durable
     * and {@link #find} on this store returns it, and completes exceptionally if the write failed.
     */
    CompletableFuture<ScimIntegration> put(ScimIntegration integration);

    /**
     * Deletes an integration. Completes with false when there was none, with true once the
     * deletion is durable and {@link #find} no longer returns it.
     */
    CompletableFuture<Boolean> delete(String clientId);

    /** Every integration, in no particular order. */
    List<ScimIntegration> all();

    /** Whether this store has caught up with its source, so that reads are complete. */
    boolean ready();

    /** Releases resources. Idempotent. */
    @Override
    void close();
}
