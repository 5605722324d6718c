package dev.accesslists.scim.launcher.audit;

import java.io.PrintStream;

/**
 * A one-line progress bar on standard error while a topic is read: share done, records, records
 * per second and the time left. Silent when standard error is not a terminal or when asked.
 */
public class Progress {
    private static final long EVERY_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean enabled;
    private String topic;
    private long total;
    private long startedNanos;
    private long lastPrintNanos;

    public Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** None at all. */
    public static Progress silent() {
        return new Progress(System.err, false);
    }

    void begin(String topic, long total) {
        this.topic = topic;
        this.total = total;
        this.startedNanos = System.nanoTime();
        this.lastPrintNanos = startedNanos;
    }

    void advance(long read) {
        long now = System.nanoTime();
        if (enabled && now - lastPrintNanos >= EVERY_NANOS) {
            lastPrintNanos = now;
            out.print("\r" + line(read, now));
            out.flush();
        }
    }

    void end(long read) {
        if (enabled) {
            out.print("\r" + line(read, System.nanoTime()) + "\n");
            out.flush();
        }
    }

    String line(long read, long now) {
        double seconds = Math.max(1e-9, (now - startedNanos) / 1e9);
        double rate = read / seconds;
        int percent = total == 0 ? 100 : (int) Math.min(100, read * 100 / total);
        int filled = percent / 5;
        String eta = rate <= 0 || read >= total ? "0s" : Math.round((total - read) / rate) + "s";
        return String.format("%-26s [%s%s] %3d%% %,d/%,d records %,.0f/s ETA %s   ", topic, "#".repeat(filled),
                " ".repeat(20 - filled), percent, read, total, rate, eta);
    }
}
