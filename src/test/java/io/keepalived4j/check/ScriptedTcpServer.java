package io.keepalived4j.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP server on 127.0.0.1 (ephemeral port) that plays a script on every connection it accepts,
 * each on its own virtual thread: the script writes, reads, stalls or floods as a test needs.
 * {@link #close()} closes the listener and every connection, which ends the scripts.
 */
final class ScriptedTcpServer implements AutoCloseable {

    /** What the server does with one accepted connection; it is closed afterwards. */
    @FunctionalInterface
    interface Script {
        void play(Socket connection) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    ScriptedTcpServer(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("scripted-tcp-accept").start(() -> acceptLoop(script));
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop(Script script) {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.add(s);
            Thread.ofVirtual().name("scripted-tcp-conn").start(() -> {
                try (s) {
                    script.play(s);
                } catch (IOException | InterruptedException e) {
                    // the client went away or the server is closing
                } finally {
                    connections.remove(s);
                }
            });
        }
    }

    /** A port on 127.0.0.1 where nothing listens: a connection there is refused. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
