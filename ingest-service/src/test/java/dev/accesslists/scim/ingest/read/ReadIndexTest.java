package dev.accesslists.scim.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Reads share end-offset lookups, and never one that started before they arrived. */
class ReadIndexTest {
    /** Lookups the test completes by hand, in the order they started. */
    private final List<CompletableFuture<Integer>> lookups = new ArrayList<>();
    private final ReadIndex<Integer> index = new ReadIndex<>(() -> {
        CompletableFuture<Integer> lookup = new CompletableFuture<>();
        lookups.add(lookup);
        return lookup;
    });

    @Test
    void shouldGiveAReadThatArrivesDuringALookupTheResultOfTheNextOne() {
        CompletableFuture<Integer> first = index.next();
        CompletableFuture<Integer> second = index.next();
        assertThat(lookups).hasSize(1);

        lookups.get(0).complete(10);
        assertThat(first).isCompletedWithValue(10);
        assertThat(second).isNotDone();
        assertThat(lookups).as("the queued read's lookup starts when the first ends").hasSize(2);

        lookups.get(1).complete(11);
        assertThat(second).isCompletedWithValue(11);
    }

    @Test
    void shouldShareOneLookupAmongAllReadsThatArrivedDuringThePreviousOne() {
        index.next();
        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            waiting.add(index.next());
        }
        lookups.get(0).complete(1);
        lookups.get(1).complete(2);

        assertThat(lookups).hasSize(2);
        assertThat(waiting).allSatisfy(read -> assertThat(read).isCompletedWithValue(2));
        // idle again: the next read starts a lookup of its own at once
        CompletableFuture<Integer> later = index.next();
        assertThat(lookups).hasSize(3);
        lookups.get(2).complete(3);
        assertThat(later).isCompletedWithValue(3);
    }

    @Test
    void shouldFailOnlyTheReadsOfAFailedLookupAndKeepServing() {
        CompletableFuture<Integer> failed = index.next();
        CompletableFuture<Integer> queued = index.next();
        lookups.get(0).completeExceptionally(new IllegalStateException("broker unreachable"));

        assertThat(failed).isCompletedExceptionally();
        assertThat(queued).isNotDone();
        lookups.get(1).complete(7);
        assertThat(queued).isCompletedWithValue(7);
    }

    @Test
    void shouldFailTheReadWhenALookupCannotEvenStart() {
        ReadIndex<Integer> broken = new ReadIndex<>(() -> {
            throw new IllegalStateException("closed");
        });
        assertThat(broken.next()).failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
        // and the index is idle again
        assertThat(broken.next()).isCompletedExceptionally();
    }
}
