package dev.accesslists.scim.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accesslists.scim.schemas.Topics;
import dev.accesslists.scim.schemas.command.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The outcome listener survives a failing poll loop: it resumes where it stopped and answers every waiting request. */
class OutcomeListenerTest {
    private static final String TOPIC = Topics.OUTCOMES.name();
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    @Test
    void shouldResumeWhereItStoppedAfterItsLoopFailed() throws Exception {
        // Given a first consumer whose poll fails, and a second one with the outcome at the old end
        MockConsumer<String, byte[]> failing = consumer(5);
        failing.setPollException(new KafkaException("the connection to the broker broke"));
        MockConsumer<String, byte[]> second = consumer(6);
        second.schedulePollTask(() -> second.addRecord(outcome(5, "req-1", 201)));
        Deque<Consumer<String, byte[]>> consumers = new ArrayDeque<>(List.of(failing, second));
        OutcomeListener listener = new OutcomeListener(consumers::poll, Duration.ofMillis(10));
        listener.start();
        CompletableFuture<Outcome> waiting = listener.expect("req-1");

        // When the loop restarts with the second consumer
        Outcome outcome = waiting.get(10, TimeUnit.SECONDS);

        // Then the request written while the first one failed is answered: the new consumer
        // resumed at the old position, not at the new end (offset 6)
        assertThat(outcome.status()).isEqualTo(201);
        assertThat(listener.running()).isTrue();
        assertThat(listener.waiting()).isZero();
        listener.close();
    }

    @Test
    void shouldSkipAnOutcomeItCannotReadAndKeepListening() throws Exception {
        MockConsumer<String, byte[]> consumer = consumer(0);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "req-bad", "not json".getBytes(StandardCharsets.UTF_8)));
            consumer.addRecord(outcome(1, "req-good", 204));
        });
        OutcomeListener listener = new OutcomeListener(() -> consumer, Duration.ofMillis(10));
        CompletableFuture<Outcome> bad = listener.expect("req-bad");
        CompletableFuture<Outcome> good = listener.expect("req-good");
        listener.start();

        assertThat(good.get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
        assertThat(bad).isNotDone();
        assertThat(listener.running()).isTrue();
        listener.close();
    }

    private static MockConsumer<String, byte[]> consumer(long endOffset) {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        Node node = new Node(1, "localhost", 9092);
        consumer.updatePartitions(TOPIC, IntStream.range(0, 3).mapToObj(p -> new PartitionInfo(TOPIC, p, node,
                new Node[] {node}, new Node[] {node})).toList());
        Map<TopicPartition, Long> ends = new HashMap<>();
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            ends.put(new TopicPartition(TOPIC, p), p == 0 ? endOffset : 0L);
            beginnings.put(new TopicPartition(TOPIC, p), 0L);
        }
        consumer.updateBeginningOffsets(beginnings);
        consumer.updateEndOffsets(ends);
        return consumer;
    }

    private static ConsumerRecord<String, byte[]> outcome(long offset, String requestId, int status) {
        byte[] value = Topics.OUTCOMES.valueSerde().serializer().serialize(TOPIC,
                Outcome.success(requestId, status, null));
        return new ConsumerRecord<>(TOPIC, P0.partition(), offset, requestId, value);
    }
}
