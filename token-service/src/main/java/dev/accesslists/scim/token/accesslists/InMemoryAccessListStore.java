package dev.accesslists.scim.token.accesslists;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Access Lists in memory, for tests of the admin API. */
public final class InMemoryAccessListStore implements AccessListStore {
    private final Map<String, AccessList> lists = new ConcurrentHashMap<>();

    @Override
    public Optional<AccessList> find(String name) {
        return Optional.ofNullable(lists.get(name));
    }

    @Override
    public List<AccessList> all() {
        return List.copyOf(lists.values());
    }

    @Override
    public synchronized CompletableFuture<Void> write(List<AccessList> upserts, List<String> removals) {
        upserts.forEach(list -> lists.put(list.name(), list));
        removals.forEach(lists::remove);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void close() {
    }
}
