package dev.accesslists.scim.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;

/** Readiness follows what stops the writer: a failed or replaced stream thread makes it unready for a while. */
class StreamsHealthTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final StreamsHealth health = new StreamsHealth(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void shouldBeReadyOnlyWhileRunningWithEveryThreadRunningAndNoRecentThreadFailure() {
        assertThat(health.notReadyBecause(KafkaStreams.State.RUNNING, List.of(thread("RUNNING")))).isEmpty();
        assertThat(health.notReadyBecause(KafkaStreams.State.REBALANCING, List.of(thread("RUNNING"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("REBALANCING"));
        assertThat(health.notReadyBecause(KafkaStreams.State.RUNNING, List.of(thread("RUNNING"),
                thread("PARTITIONS_ASSIGNED")))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("PARTITIONS_ASSIGNED"));

        // When a stream thread fails and is replaced
        health.threadFailed(new IllegalStateException("wrapper", new java.io.UncheckedIOException(
                new java.io.IOException("disk"))));

        // Then the instance is unready for the quiet period, even though its threads run again
        assertThat(health.notReadyBecause(KafkaStreams.State.RUNNING, List.of(thread("RUNNING"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("IOException").contains("replaced"));
        now = now.plus(StreamsHealth.QUIET_PERIOD).plusSeconds(1);
        assertThat(health.notReadyBecause(KafkaStreams.State.RUNNING, List.of(thread("RUNNING")))).isEmpty();
        assertThat(health.threadFailures()).isEqualTo(1);
    }

    private static ThreadMetadata thread(String state) {
        return (ThreadMetadata) Proxy.newProxyInstance(ThreadMetadata.class.getClassLoader(),
                new Class<?>[] {ThreadMetadata.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "threadState" -> state;
                    case "threadName" -> "stream-thread-1";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
