package dev.accesslists.scim.schemas.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SupervisedLoopTest {

    @Test
    void shouldRestartAFailedBodyWithBackoffUntilItRuns() throws Exception {
        // Given a body that fails in its first two incarnations
        AtomicInteger incarnations = new AtomicInteger();
        CopyOnWriteArrayList<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch third = new CountDownLatch(1);
        SupervisedLoop loop = new SupervisedLoop("test-loop", control -> {
            if (incarnations.incrementAndGet() <= 2) {
                throw new IllegalStateException("boom " + incarnations.get());
            }
            CountDownLatch stop = new CountDownLatch(1);
            control.onStop(stop::countDown);
            control.healthy();
            third.countDown();
            stop.await();
        }, Duration.ofMillis(20), Duration.ofMillis(100), failures::add);

        // When it runs
        loop.start();

        // Then it is restarted until it works, and reports healthy from then on
        assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.awaitHealthy(Duration.ofSeconds(1))).isTrue();
        assertThat(loop.healthy()).isTrue();
        assertThat(loop.failures()).isEqualTo(2);
        assertThat(failures).extracting(Throwable::getMessage).containsExactly("boom 1", "boom 2");
        assertThat(loop.problem()).isEmpty();

        loop.close();
        assertThat(loop.healthy()).isFalse();
        assertThat(incarnations.get()).isEqualTo(3);
    }

    @Test
    void shouldBeUnhealthyWhileBackingOffAndSayWhy() throws Exception {
        CountDownLatch failed = new CountDownLatch(1);
        SupervisedLoop loop = new SupervisedLoop("flaky-loop", control -> {
            control.healthy();
            throw new IllegalStateException("lost the connection");
        }, Duration.ofSeconds(30), Duration.ofSeconds(30), e -> failed.countDown()).start();
        try {
            assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(loop.healthy()).isFalse();
            assertThat(loop.problem()).hasValueSatisfying(p -> assertThat(p).contains("flaky-loop")
                    .contains("IllegalStateException").contains("restarting"));
        } finally {
            long started = System.nanoTime();
            loop.close();
            // closing does not wait out the back-off
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldTreatABodyThatReturnsByItselfAsFailedAndWakeABlockedBodyOnClose() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch blocked = new CountDownLatch(1);
        SupervisedLoop loop = new SupervisedLoop("returning-loop", control -> {
            if (runs.incrementAndGet() == 1) {
                return;
            }
            CountDownLatch wake = new CountDownLatch(1);
            control.onStop(wake::countDown);
            control.healthy();
            blocked.countDown();
            wake.await();
        }, Duration.ofMillis(10), Duration.ofMillis(10), null).start();

        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.failures()).isEqualTo(1);
        loop.close();
        assertThat(loop.healthy()).isFalse();
    }
}
