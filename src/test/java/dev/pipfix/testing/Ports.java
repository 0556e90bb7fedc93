package dev.pipfix.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Loopback ports for the tests that start the packaged jar as a process. */
public final class Ports {

    private static final Duration START_UP = Duration.ofSeconds(30);

    private Ports() {}

    /** A port nothing listens on now. */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until the process listens on the port; fails with the process's output when it exits first or does
     * not listen within 30 s.
     */
    public static void awaitListening(int port, Process process, Callable<String> output) throws Exception {
        long deadline = System.nanoTime() + START_UP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("pipfix exited early: " + output.call());
            }
            if (listening(port)) {
                return;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError(
                "pipfix did not listen on " + port + " within " + START_UP.toSeconds() + " s: " + output.call());
    }
}
