package io.keepalived4j.testsupport;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP/1.x server on loopback for checker and genhash tests, plain or TLS, with fixed
 * responses (no Date header), each connection closed after one response:
 *
 * <ul>
 *   <li>{@code /} a small page; {@code /big} 1 MiB; {@code /chunked} a chunked page;
 *       {@code /empty} an empty body; {@code /short} a Content-Length larger than the body;
 *       {@code /flaky} 503 the first time, then the small page; anything else 404;
 *   <li>{@code /silent} reads the request and never answers; {@code /endless-headers} sends header
 *       lines forever; {@code /endless-body} a body forever; {@code /trickle} a body a byte at a
 *       time, forever.
 * </ul>
 *
 * {@link #silent} is a TCP server that accepts and never speaks: a TLS handshake with it never
 * completes. TLS uses the self-signed certificate in {@code io/keepalived4j/check/server.p12}.
 *
 * <pre>{@code
 * try (TestHttpServer web = TestHttpServer.plain()) {
 *     int port = web.port();
 * }
 * }</pre>
 */
public final class TestHttpServer implements AutoCloseable {

    public static final byte[] SMALL = "<html><body><h1>It works!</h1></body></html>\n".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] BIG = big();
    private static final String STORE = "/io/keepalived4j/check/server.p12";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final ServerSocket server;
    private final boolean speaks;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger flakyCalls = new java.util.concurrent.atomic.AtomicInteger();

    private TestHttpServer(ServerSocket server, boolean speaks) {
        this.server = server;
        this.speaks = speaks;
        Thread.ofVirtual().name("test-http-accept").start(this::acceptLoop);
    }

    public static TestHttpServer plain() throws IOException {
        return new TestHttpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), true);
    }

    /** TLS with the test certificate; no client certificate asked for. */
    public static TestHttpServer tls() throws IOException {
        return tls(null);
    }

    /**
     * TLS that requires a client certificate from {@code trustedClients} (a PKCS12 resource with
     * password changeit), or asks for none when it is null.
     */
    public static TestHttpServer tls(String trustedClients) throws IOException {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = TestHttpServer.class.getResourceAsStream(STORE)) {
                keys.load(in, PASSWORD);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            TrustManagerFactory tmf = null;
            if (trustedClients != null) {
                KeyStore trusted = KeyStore.getInstance("PKCS12");
                try (InputStream in = TestHttpServer.class.getResourceAsStream(trustedClients)) {
                    trusted.load(in, PASSWORD);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trusted);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            s.setNeedClientAuth(trustedClients != null);
            return new TestHttpServer(s, true);
        } catch (GeneralSecurityException e) {
            throw new IOException("test TLS server", e);
        }
    }

    /** Accepts connections and never sends or reads a byte. */
    public static TestHttpServer silent() throws IOException {
        return new TestHttpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), false);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request heads received, in order. */
    public List<String> requests() {
        return requests;
    }

    /** The TLS server name (SNI) of each handshake, "" when the client sent none. */
    public List<String> serverNames() {
        return serverNames;
    }

    /** A response with this status and body, byte for byte. */
    public static byte[] response(int status, String reason, byte[] body) {
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/html\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().name("test-http-conn").start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            if (!speaks) {
                s.getInputStream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            if (s instanceof SSLSocket ssl) {
                ssl.startHandshake();
                List<javax.net.ssl.SNIServerName> names =
                        ((javax.net.ssl.ExtendedSSLSession) ssl.getSession()).getRequestedServerNames();
                serverNames.add(names.isEmpty() ? "" : ((javax.net.ssl.SNIHostName) names.getFirst()).getAsciiName());
            }
            String head = readHead(s.getInputStream());
            requests.add(head);
            String path = head.split(" ", 3).length > 1 ? head.split(" ", 3)[1] : "";
            respond(path, s.getOutputStream());
        } catch (IOException e) {
            // the client went away: nothing to serve
        } finally {
            open.remove(s);
        }
    }

    private void respond(String path, OutputStream out) throws IOException {
        switch (path) {
            case "/" -> out.write(response(200, "OK", SMALL));
            case "/big" -> out.write(response(200, "OK", BIG));
            case "/empty" -> out.write(response(200, "OK", new byte[0]));
            case "/short" -> out.write(concat(("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII), SMALL));
            case "/chunked" -> out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n" + "1a\r\n<html><body>chunk one</bo\r\n" + "e\r\ndy></html>\r\n\r\n"
                    + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            case "/flaky" -> out.write(flakyCalls.getAndIncrement() == 0
                    ? response(503, "Service Unavailable", SMALL) : response(200, "OK", SMALL));
            case "/silent" -> {
                out.flush();
                waitUntilClosed();
            }
            case "/endless-headers" -> {
                out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] line = "X-Filler: 0123456789abcdef0123456789abcdef\r\n".getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    out.write(line);
                }
            }
            case "/endless-body" -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] block = new byte[16384];
                java.util.Arrays.fill(block, (byte) 'x');
                while (true) {
                    out.write(block);
                }
            }
            case "/trickle" -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (true) {
                    out.write('x');
                    out.flush();
                    sleep(100);
                }
            }
            default -> out.write(response(404, "Not Found", "<html>no such page</html>\n".getBytes(StandardCharsets.US_ASCII)));
        }
        out.flush();
    }

    private void waitUntilClosed() {
        while (!server.isClosed()) {
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            byte[] b = head.toByteArray();
            int n = b.length;
            if (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] big() {
        byte[] b = new byte[1 << 20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + (i * 7 + i / 1000) % 26);
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
