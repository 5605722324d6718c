package dev.accesslists.scim.launcher;

import java.util.Arrays;
import java.util.Optional;

/**
 * The main class of the broker child process: {@code BrokerMain <launcher pid> <server.properties>}.
 * It watches the launcher that started it and shuts the broker down (cleanly, through Kafka's own
 * shutdown hook) as soon as the launcher is gone, however it ended ({@code kill -9}, out of
 * memory), so no broker is left behind holding the ports and the data folder.
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BrokerMain <launcher pid> <server.properties>");
            System.exit(2);
        }
        long parent = Long.parseLong(args[0]);
        Optional<ProcessHandle> launcher = ProcessHandle.of(parent);
        if (launcher.isEmpty() || !launcher.get().isAlive()) {
            System.err.println("the launcher (pid " + parent + ") is gone; not starting the broker");
            System.exit(3);
        }
        launcher.get().onExit().thenRun(() -> {
            System.err.println("the launcher (pid " + parent + ") is gone; stopping the broker");
            System.exit(0);
        });
        kafka.Kafka.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
