package dev.accesslists.scim.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks before anything binds, so a port in use is one clear line instead of a server's stack trace. */
final class Ports {
    private Ports() {
    }

    static void requireFree(int port, String options) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new UserError("port " + port + " is in use by another program (is a pipeline already running?);"
                    + " choose other ports with " + options);
        }
    }
}
