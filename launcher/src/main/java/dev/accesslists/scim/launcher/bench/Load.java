package dev.accesslists.scim.launcher.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;

/**
 * An HTTP load generator: asynchronous (Jetty's client), so that it takes little of the CPU it
 * shares with the pipeline, and latencies in HdrHistogram. A closed loop keeps a number of
 * requests in flight; an open loop sends at a fixed rate and measures each latency from the time
 * the request was due, so a stall is not hidden by the requests it delayed.
 */
final class Load implements AutoCloseable {
    /** One request. */
    record Call(String method, String url, String token, String body) {
        static Call get(String url, String token) {
            return new Call("GET", url, token, null);
        }
    }

    /** A request's answer. */
    record Answer(int status, String body, long nanos) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** What a run measured. */
    record Result(String name, long requests, long failures, double seconds, Histogram latency) {
        double perSecond() {
            return requests / seconds;
        }

        double p50() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }

        double p99() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }

        double max() {
            return latency.getMaxValue() / 1000.0;
        }
    }

    private final HttpClient http = new HttpClient();

    Load() {
        // few threads: the generator shares the machine with what it measures, and hand-offs between
        // many threads cost more CPU than they save
        org.eclipse.jetty.util.thread.QueuedThreadPool threads = new org.eclipse.jetty.util.thread.QueuedThreadPool(8, 2);
        threads.setName("bench-http");
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(1024);
        http.setMaxRequestsQueuedPerDestination(1 << 20);
        http.setFollowRedirects(false);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client", e);
        }
    }

    CompletableFuture<Answer> send(Call call) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        long started = System.nanoTime();
        Request request = http.newRequest(call.url()).method(call.method()).timeout(120, TimeUnit.SECONDS);
        if (call.token() != null) {
            request.headers(h -> h.put(HttpHeader.AUTHORIZATION, "Bearer " + call.token()));
        }
        if (call.body() != null) {
            request.body(new StringRequestContent("application/scim+json", call.body()));
        }
        request.send(new BufferingResponseListener(512 * 1024 * 1024) {
            @Override
            public void onComplete(org.eclipse.jetty.client.Result result) {
                long nanos = System.nanoTime() - started;
                if (result.isFailed()) {
                    answer.complete(new Answer(-1, String.valueOf(result.getFailure()), nanos));
                } else {
                    answer.complete(new Answer(result.getResponse().getStatus(), getContentAsString(), nanos));
                }
            }
        });
        return answer;
    }

    Answer call(Call call) {
        return send(call).join();
    }

    /** The {@code n}-th request of connection {@code connection} of a closed loop. */
    interface Sequence {
        Call next(int connection, int n);
    }

    /** Keeps {@code connections} requests in flight for {@code duration}. */
    Result closed(String name, int connections, Duration duration, IntFunction<Call> next) throws InterruptedException {
        AtomicInteger sequence = new AtomicInteger();
        return closed(name, connections, duration, (connection, n) -> next.apply(sequence.getAndIncrement()));
    }

    /** Keeps {@code connections} requests in flight for {@code duration}, each connection in its own order. */
    Result closed(String name, int connections, Duration duration, Sequence next) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong failures = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            loop(next, c, 0, recorder, failures, done, end, finished);
        }
        finished.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, done.get(), failures.get(), seconds, recorder.getIntervalHistogram());
    }

    private void loop(Sequence next, int connection, int n, Recorder recorder, AtomicLong failures,
                      AtomicLong done, long end, CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        send(next.next(connection, n)).thenAccept(answer -> {
            recorder.recordValue(Math.max(1, answer.nanos() / 1000));
            done.incrementAndGet();
            if (!answer.ok()) {
                failures.incrementAndGet();
            }
            loop(next, connection, n + 1, recorder, failures, done, end, finished);
        });
    }

    /** Sends {@code perSecond} requests a second for {@code duration}; latency counts from when each was due. */
    Result rate(String name, int perSecond, Duration duration, IntFunction<Call> next) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong failures = new AtomicLong();
        long period = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        int total = (int) (duration.toNanos() / period);
        CountDownLatch finished = new CountDownLatch(total);
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(next.apply(i)).thenAccept(answer -> {
                recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                if (!answer.ok()) {
                    failures.incrementAndGet();
                }
                finished.countDown();
            });
        }
        finished.await(2, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, total - finished.getCount(), failures.get() + finished.getCount(), seconds,
                recorder.getIntervalHistogram());
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // leaving anyway
        }
    }
}
