package dev.accesslists.scim.schemas.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background loop that is restarted, with exponential back-off, whenever it fails, until it is
 * closed. The loop's body sets itself up (a new Kafka consumer, say), calls
 * {@link Control#healthy()} once it works, and runs until {@link Control#stopping()}. An exception
 * ends the incarnation: it is logged once, {@code onFailure} runs, and after the back-off a new
 * incarnation starts. {@link #healthy()} is what readiness endpoints report.
 */
public final class SupervisedLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedLoop.class);
    /** An incarnation that stayed healthy this long resets the back-off to its minimum. */
    private static final Duration STABLE = Duration.ofSeconds(30);

    /** What the body runs. It returns or throws only when stopping, or when it fails. */
    @FunctionalInterface
    public interface Body {
        void run(Control control) throws Exception;
    }

    /** The body's view of its supervisor. */
    public interface Control {
        /** True once {@link SupervisedLoop#close()} was called: the body should return. */
        boolean stopping();

        /** The body is set up and working; readiness reports healthy from now on. */
        void healthy();

        /** Runs when the loop is closed, to wake the body from a blocking call (e.g. {@code consumer::wakeup}). */
        void onStop(Runnable wakeUp);
    }

    private final String name;
    private final Body body;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final java.util.function.Consumer<Throwable> onFailure;
    private final Clock clock;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch firstHealthy = new CountDownLatch(1);
    private final AtomicReference<Runnable> wakeUp = new AtomicReference<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean healthy;
    private volatile String lastProblem;

    /**
     * @param name the thread's name, and how logs call the loop
     * @param onFailure runs after an incarnation failed, before the back-off (e.g. fail what waits on it)
     */
    public SupervisedLoop(String name, Body body, Duration minBackoff, Duration maxBackoff,
                          java.util.function.Consumer<Throwable> onFailure) {
        this(name, body, minBackoff, maxBackoff, onFailure, Clock.systemUTC());
    }

    SupervisedLoop(String name, Body body, Duration minBackoff, Duration maxBackoff,
                   java.util.function.Consumer<Throwable> onFailure, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.body = Objects.requireNonNull(body, "body");
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.onFailure = onFailure == null ? e -> { } : onFailure;
        this.clock = clock;
        this.thread = new Thread(this::supervise, name);
        this.thread.setDaemon(true);
    }

    public SupervisedLoop start() {
        thread.start();
        return this;
    }

    /** Waits until the first incarnation reports healthy; false when the wait timed out. */
    public boolean awaitHealthy(Duration timeout) throws InterruptedException {
        return firstHealthy.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the loop is running and its current incarnation reported healthy. */
    public boolean healthy() {
        return healthy;
    }

    /** How many incarnations failed since start. */
    public long failures() {
        return failures.get();
    }

    /** Why the loop is not healthy, when it is not. */
    public Optional<String> problem() {
        return healthy ? Optional.empty() : Optional.of(lastProblem == null ? name + " is starting" : lastProblem);
    }

    private void supervise() {
        Duration backoff = minBackoff;
        while (closing.getCount() > 0) {
            Instant started = clock.instant();
            Control control = new Control() {
                @Override
                public boolean stopping() {
                    return closing.getCount() == 0;
                }

                @Override
                public void healthy() {
                    healthy = true;
                    lastProblem = null;
                    firstHealthy.countDown();
                }

                @Override
                public void onStop(Runnable action) {
                    wakeUp.set(action);
                    if (stopping()) {
                        action.run();
                    }
                }
            };
            Throwable failure = null;
            try {
                body.run(control);
                if (closing.getCount() > 0) {
                    failure = new IllegalStateException(name + " ended by itself");
                }
            } catch (InterruptedException e) {
                if (closing.getCount() > 0) {
                    failure = e;
                }
            } catch (Exception | StackOverflowError | AssertionError e) {
                if (closing.getCount() > 0) {
                    failure = e;
                }
            } finally {
                healthy = false;
                wakeUp.set(null);
            }
            if (failure == null) {
                return;
            }
            failures.incrementAndGet();
            if (Duration.between(started, clock.instant()).compareTo(STABLE) > 0) {
                backoff = minBackoff;
            }
            lastProblem = name + " failed (" + failure.getClass().getSimpleName() + "); restarting in "
                    + backoff.toMillis() + " ms";
            LOG.warn("{}: {}", lastProblem, String.valueOf(failure.getMessage()), failure);
            try {
                onFailure.accept(failure);
            } catch (RuntimeException e) {
                LOG.warn("{}: failure handler failed", name, e);
            }
            try {
                if (closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    /** Stops the loop and waits (bounded) for its thread. Idempotent. */
    @Override
    public void close() {
        closing.countDown();
        Runnable action = wakeUp.get();
        if (action != null) {
            action.run();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
