package dev.accesslists.scim.launcher;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Runs a main class (the Kafka broker, a service) in a child process that ends with its parent:
 * {@code ChildMain <parent pid> <main class> [args...]}. When the parent is gone, however it ended
 * ({@code kill -9}, out of memory), the child exits through its shutdown hooks (the broker's is a
 * controlled shutdown), so nothing is left behind holding ports and data folders.
 */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        dev.accesslists.scim.schemas.runtime.JvmDefaults.apply();
        if (args.length < 2) {
            System.err.println("usage: ChildMain <parent pid> <main class> [args...]");
            System.exit(2);
        }
        long parent = Long.parseLong(args[0]);
        Optional<ProcessHandle> handle = ProcessHandle.of(parent);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            System.exit(3);
        }
        handle.get().onExit().thenRun(() -> System.exit(0));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
