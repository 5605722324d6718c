package dev.accesslists.scim.token.accesslists;

import dev.accesslists.scim.schemas.accesslist.AccessList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The current Access List definitions, and the one way to change them: a write puts the new
 * definitions and removals on the Access List topic and tells the single writer, all or nothing.
 */
public interface AccessListStore extends AutoCloseable {
    Optional<AccessList> find(String name);

    /** Every list, in no particular order. */
    List<AccessList> all();

    /**
     * Applies these definitions and removals together. Completes once they are durable and
     * {@link #find} returns them; fails (and nothing is applied) otherwise.
     */
    CompletableFuture<Void> write(List<AccessList> upserts, List<String> removals);

    boolean ready();

    @Override
    void close();
}
