package dev.accesslists.scim.ingest.read;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The end offsets of the command log, fetched for many reads at once (the read-index technique).
 *
 * <p>A read must see every write acknowledged before it started, so it needs end offsets taken
 * after it arrived: a lookup already in flight may have started before it, and does not do. So a
 * read joins the next lookup; at most one lookup is in flight and at most one is queued behind
 * it, shared by every read that arrived meanwhile. Under load the cost is one broker round trip
 * per round trip time, not one per read; alone, a read waits for one lookup, as before.
 *
 * @param <T> what a lookup yields
 */
final class ReadIndex<T> {
    private final Supplier<CompletableFuture<T>> lookup;
    /** Completed by the lookup in flight; null when none is. */
    private CompletableFuture<T> inFlight;
    /** Completed by the lookup that starts when the one in flight ends; null when no read waits for it. */
    private CompletableFuture<T> queued;

    /** @param lookup starts one lookup; called on a caller's thread or on the thread that ended the previous one */
    ReadIndex(Supplier<CompletableFuture<T>> lookup) {
        this.lookup = lookup;
    }

    /** The result of a lookup that starts after this call. */
    CompletableFuture<T> next() {
        CompletableFuture<T> start;
        synchronized (this) {
            if (inFlight != null) {
                if (queued == null) {
                    queued = new CompletableFuture<>();
                }
                return queued;
            }
            inFlight = new CompletableFuture<>();
            start = inFlight;
        }
        run(start);
        return start;
    }

    private void run(CompletableFuture<T> target) {
        CompletableFuture<T> result;
        try {
            result = lookup.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((value, error) -> {
            if (error != null) {
                target.completeExceptionally(error);
            } else {
                target.complete(value);
            }
            finished();
        });
    }

    private void finished() {
        CompletableFuture<T> waiting;
        synchronized (this) {
            waiting = queued;
            queued = null;
            inFlight = waiting;
        }
        if (waiting != null) {
            run(waiting);
        }
    }
}
