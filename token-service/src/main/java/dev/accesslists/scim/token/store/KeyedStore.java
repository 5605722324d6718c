package dev.accesslists.scim.token.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Records keyed by a string, read locally and cheaply, written asynchronously: a write completes
 * once it is durable and {@link #find} on this store returns it.
 */
public interface KeyedStore<V> extends AutoCloseable {
    Optional<V> find(String key);

    /** Every value, in no particular order. */
    List<V> all();

    CompletableFuture<V> put(String key, V value);

    /** Completes with false when there was nothing under the key, with true once the deletion is durable. */
    CompletableFuture<Boolean> delete(String key);

    /** Whether the store has caught up with its source, so that reads are complete. */
    boolean ready();

    @Override
    void close();
}
