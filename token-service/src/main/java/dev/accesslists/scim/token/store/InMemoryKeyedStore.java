package dev.accesslists.scim.token.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link KeyedStore} in memory, for tests and for a service run without Kafka. */
public final class InMemoryKeyedStore<V> implements KeyedStore<V> {
    private final Map<String, V> values = new ConcurrentHashMap<>();

    @Override
    public Optional<V> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public List<V> all() {
        return List.copyOf(values.values());
    }

    @Override
    public CompletableFuture<V> put(String key, V value) {
        values.put(key, value);
        return CompletableFuture.completedFuture(value);
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
        return CompletableFuture.completedFuture(values.remove(key) != null);
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void close() {
    }
}
