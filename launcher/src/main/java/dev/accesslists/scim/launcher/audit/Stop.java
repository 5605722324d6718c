package dev.accesslists.scim.launcher.audit;

/**
 * Ctrl-C while reading: the reader is woken and stops between records, the command prints that
 * it stopped and gives no answer, and the JVM exits once that is done.
 */
public final class Stop {
    /** Thrown where a read stops early. */
    public static final class Stopped extends RuntimeException {
        public Stopped() {
            super("stopped", null, false, false);
        }
    }

    private volatile boolean stopping;
    private volatile Runnable wake;

    public boolean stopping() {
        return stopping;
    }

    /** Asks the read under way to stop. */
    public void stop() {
        stopping = true;
        Runnable current = wake;
        if (current != null) {
            current.run();
        }
    }

    void onStop(Runnable wake) {
        this.wake = wake;
        if (wake != null && stopping) {
            wake.run();
        }
    }
}
