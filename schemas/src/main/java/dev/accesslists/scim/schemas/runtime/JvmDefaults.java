package dev.accesslists.scim.schemas.runtime;

/**
 * Settings every service's JVM needs, applied first thing in {@code main}.
 *
 * <p>On a machine with one or two cores the common fork-join pool has a parallelism of one, and
 * {@code CompletableFuture} then runs every asynchronous stage on a new thread of its own. The JDK
 * HTTP client hands each response to such a stage, so every internal request started and ended a
 * thread: on a 2-core machine that alone cost most of a read's time. A parallelism of at least two
 * makes those stages use the common pool.
 */
public final class JvmDefaults {
    private static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private JvmDefaults() {
    }

    /** Must run before anything uses {@code CompletableFuture} or the common pool. */
    public static void apply() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, String.valueOf(Math.max(4, Runtime.getRuntime().availableProcessors())));
        }
    }
}
