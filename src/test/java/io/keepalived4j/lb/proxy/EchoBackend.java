package io.keepalived4j.lb.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server on loopback for the proxy tests: greets each connection with its name and a
 * newline, then echoes what it reads; when the client half-closes it writes "bye\n" and closes.
 */
final class EchoBackend implements AutoCloseable {

    final String name;
    final ServerSocket server;
    final AtomicInteger accepted = new AtomicInteger();
    final List<Socket> open = new CopyOnWriteArrayList<>();
    /** The first bytes of each connection before the greeting was sent are not read: see {@link #firstLine}. */
    private final boolean readsHeaderFirst;
    final List<String> headers = new CopyOnWriteArrayList<>();

    EchoBackend(String name) throws IOException {
        this(name, false);
    }

    EchoBackend(String name, boolean readsHeaderFirst) throws IOException {
        this.name = name;
        this.readsHeaderFirst = readsHeaderFirst;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("echo-" + name).start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            if (readsHeaderFirst) {
                headers.add(firstLine(in));
            }
            out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            out.write("bye\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(s);
        }
    }

    static String firstLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
