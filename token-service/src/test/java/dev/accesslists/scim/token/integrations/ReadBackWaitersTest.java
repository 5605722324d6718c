package dev.accesslists.scim.token.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.integration.ScimIntegration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReadBackWaitersTest {
    private static final TopicPartition PARTITION = new TopicPartition("scim.integrations.v1", 0);
    private static final ScimIntegration INTEGRATION = new ScimIntegration("client", "name", "saml", "salt", "hash",
            SecretHasher.ALGORITHM, Instant.EPOCH, Instant.EPOCH);

    private final ReadBackWaiters waiters = new ReadBackWaiters();

    @Test
    void shouldCompleteOnceTheConsumerIsPastTheOffset() {
        // Given a put acknowledged at offset 5
        CompletableFuture<ScimIntegration> put = new CompletableFuture<>();
        waiters.await(PARTITION, 5, INTEGRATION, put);

        // When the consumer reaches offset 5 (has not read it yet), then past it
        waiters.advance(Map.of(PARTITION, 5L));
        assertThat(put).isNotDone();
        waiters.advance(Map.of(PARTITION, 6L));

        // Then the put completes
        assertThat(put).isCompletedWithValue(INTEGRATION);
    }

    @Test
    void shouldCompleteAtOnceWhenTheConsumerIsAlreadyPast() {
        // Given a consumer that read the record before the producer's ack arrived
        waiters.advance(Map.of(PARTITION, 10L));
        CompletableFuture<ScimIntegration> put = new CompletableFuture<>();

        // When the ack arrives
        waiters.await(PARTITION, 9, INTEGRATION, put);

        // Then the put completes immediately
        assertThat(put).isCompletedWithValue(INTEGRATION);
    }

    @Test
    void shouldFailPendingAndLaterPutsOnceStopped() {
        // Given a pending put
        CompletableFuture<ScimIntegration> pending = new CompletableFuture<>();
        waiters.await(PARTITION, 1, INTEGRATION, pending);

        // When the reader stops
        waiters.failAll(new IllegalStateException("stopped"));
        CompletableFuture<ScimIntegration> later = new CompletableFuture<>();
        waiters.await(PARTITION, 2, INTEGRATION, later);

        // Then neither hangs
        assertThat(pending).isCompletedExceptionally();
        assertThat(later).isCompletedExceptionally();
    }
}
