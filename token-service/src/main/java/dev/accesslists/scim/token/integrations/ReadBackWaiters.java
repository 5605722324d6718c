package dev.accesslists.scim.token.integrations;

import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Pending {@link KafkaIntegrationStore#put} calls, each waiting for the store's own consumer to
 * read its record back. A put completes once the consumer's position in the record's partition is
 * past the record's offset, which means the record has been applied to the local map.
 */
final class ReadBackWaiters {
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final List<Waiter> pending = new ArrayList<>();
    private RuntimeException stopped;

    private record Waiter(TopicPartition partition, long offset, ScimIntegration value,
                          CompletableFuture<ScimIntegration> future) {
    }

    /** Completes {@code future} with {@code value} once the record at this offset has been read. */
    void await(TopicPartition partition, long offset, ScimIntegration value, CompletableFuture<ScimIntegration> future) {
        RuntimeException failure;
        synchronized (this) {
            failure = stopped;
            if (failure == null && positions.getOrDefault(partition, 0L) <= offset) {
                pending.add(new Waiter(partition, offset, value, future));
                return;
            }
        }
        if (failure != null) {
            future.completeExceptionally(failure);
        } else {
            future.complete(value);
        }
    }

    /** Records the consumer's new positions and completes the puts they cover. */
    void advance(Map<TopicPartition, Long> newPositions) {
        List<Waiter> done = new ArrayList<>();
        synchronized (this) {
            positions.putAll(newPositions);
            for (Iterator<Waiter> it = pending.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (positions.getOrDefault(waiter.partition(), 0L) > waiter.offset()) {
                    done.add(waiter);
                    it.remove();
                }
            }
        }
        done.forEach(waiter -> waiter.future().complete(waiter.value()));
    }

    /** Fails every pending put, and every later one: the reader has stopped. */
    void failAll(RuntimeException reason) {
        List<Waiter> failed;
        synchronized (this) {
            if (stopped == null) {
                stopped = reason;
            }
            failed = List.copyOf(pending);
            pending.clear();
        }
        failed.forEach(waiter -> waiter.future().completeExceptionally(reason));
    }
}
