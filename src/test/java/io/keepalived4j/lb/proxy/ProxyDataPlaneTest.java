package io.keepalived4j.lb.proxy;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.lb.Destination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy on loopback with real sockets: the pool's calls drive it as they would in the daemon. */
class ProxyDataPlaneTest {

    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LO)) {
            return s.getLocalPort();
        }
    }

    private static VirtualServer vs(String proto, int port, String sched, String extra) {
        String text = """
                virtual_server 127.0.0.1 %d {
                  lvs_sched %s
                  lvs_method NAT
                  protocol %s
                  %s
                  real_server 127.0.0.1 1 { weight 1 }
                }
                """.formatted(port, sched, proto, extra);
        ConfigLoader.LoadResult r = ConfigLoader.loadText("proxy.conf", text, LoadOptions.withConfigId("t"));
        assertThat(r.model()).as(r.diagnostics().toString()).isNotNull();
        return r.model().lvs().virtualServers().getFirst();
    }

    private ProxyDataPlane plane(ProxySettings settings) {
        ProxyDataPlane p = new ProxyDataPlane(List.of(), settings);
        open.add(p);
        return p;
    }

    private EchoBackend backend(String name) throws IOException {
        EchoBackend b = new EchoBackend(name);
        open.add(b);
        return b;
    }

    private static Destination dest(int port) {
        return new Destination(LO, port, Forwarding.NAT, false);
    }

    private static ProxySettings settings() {
        return ProxySettings.defaults().withIoThreads(2);
    }

    /** Connects through the proxy and returns the greeting (the real server's name). */
    private static String greeting(int port) throws IOException {
        try (Socket s = new Socket(LO, port)) {
            s.setSoTimeout(5000);
            return EchoBackend.firstLine(s.getInputStream());
        }
    }

    private static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cond.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within 10 s: " + what).isLessThan(end);
            Thread.sleep(20);
        }
    }

    @Test
    void roundRobinSpreadsConnectionsAndCountsThem() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "");
        ProxyDataPlane p = plane(settings());
        p.addService(vs);
        EchoBackend a = backend("a"), b = backend("b"), c = backend("c");
        for (EchoBackend e : List.of(a, b, c)) {
            p.setDestination(vs, dest(e.port()), 1);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            seen.merge(greeting(port), 1, Integer::sum);
        }
        assertThat(seen).containsOnlyKeys("a", "b", "c").allSatisfy((k, v) -> assertThat(v).isEqualTo(3));
        await(() -> p.table().services().getFirst().traffic().active() == 0, "connections closed");
        ProxyTable.Service s = p.table().services().getFirst();
        assertThat(s.traffic().connections()).isEqualTo(9);
        assertThat(s.traffic().outBytes()).isEqualTo(9 * 2 + 9 * 4); // greetings and "bye\n"
        assertThat(s.servers()).allSatisfy(x -> assertThat(x.traffic().connections()).isEqualTo(3));
    }

    /** Connects from {@code source} (any 127/8 address is local) and returns the greeting. */
    private static String greetingFrom(String source, int port) throws IOException {
        try (Socket s = new Socket(LO, port, InetAddress.getByName(source), 0)) {
            s.setSoTimeout(5000);
            return EchoBackend.firstLine(s.getInputStream());
        }
    }

    @Test
    void aPersistentClientKeepsItsServerAcrossConnectionsAndOthersAreStillScheduled() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "persistence_timeout 60");
        ProxyDataPlane p = plane(settings());
        p.addService(vs);
        EchoBackend a = backend("a"), b = backend("b"), c = backend("c");
        for (EchoBackend e : List.of(a, b, c)) {
            p.setDestination(vs, dest(e.port()), 1);
        }
        Map<String, String> serverOf = new HashMap<>();
        for (String client : List.of("127.0.0.11", "127.0.0.12", "127.0.0.13")) {
            String first = greetingFrom(client, port);
            serverOf.put(client, first);
            for (int i = 0; i < 5; i++) {
                assertThat(greetingFrom(client, port)).as(client + " keeps its server").isEqualTo(first);
            }
        }
        // Each new client was scheduled by rr: three clients, three servers.
        assertThat(serverOf.values()).containsExactlyInAnyOrder("a", "b", "c");
        // A quiesced server keeps its persistent clients (IPVS's expire_quiescent_template = 0) ...
        String quiesced = serverOf.get("127.0.0.11");
        EchoBackend q = List.of(a, b, c).stream().filter(e -> e.name.equals(quiesced)).findFirst().orElseThrow();
        p.setDestination(vs, dest(q.port()), 0);
        assertThat(greetingFrom("127.0.0.11", port)).isEqualTo(quiesced);
        // ... a removed one does not: the client is scheduled afresh and sticks to its new server.
        p.removeDestination(vs, dest(q.port()));
        String moved = greetingFrom("127.0.0.11", port);
        assertThat(moved).isNotEqualTo(quiesced);
        assertThat(greetingFrom("127.0.0.11", port)).isEqualTo(moved);
    }

    @Test
    void persistenceGranularityGroupsClientsByNetmask() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "persistence_timeout 60\n persistence_granularity 255.255.255.0");
        ProxyDataPlane p = plane(settings());
        p.addService(vs);
        EchoBackend a = backend("a"), b = backend("b");
        p.setDestination(vs, dest(a.port()), 1);
        p.setDestination(vs, dest(b.port()), 1);
        String first = greetingFrom("127.0.5.1", port);
        for (String client : List.of("127.0.5.2", "127.0.5.77", "127.0.5.254")) {
            assertThat(greetingFrom(client, port)).as(client + " is in 127.0.5.0/24").isEqualTo(first);
        }
        assertThat(greetingFrom("127.0.6.1", port)).as("another /24 is scheduled: rr moves on").isNotEqualTo(first);
    }

    /**
     * A reload changed the virtual server (its scheduler): the service is changed in place, its
     * listening socket stays (the same channel), an open connection goes on and a client that
     * connects at any moment of the change is served.
     */
    @Test
    void aReloadedVirtualServerKeepsItsListenerAndConnectionsAndTakesTheNewScheduler() throws Exception {
        int port = freePort();
        VirtualServer before = vs("TCP", port, "rr", "");
        VirtualServer after = vs("TCP", port, "wlc", "persistence_timeout 60");
        ProxyDataPlane p = plane(settings());
        p.addService(before);
        EchoBackend a = backend("a"), b = backend("b");
        p.setDestination(before, dest(a.port()), 1);
        p.setDestination(before, dest(b.port()), 1);
        var listeners = p.listeners(before);
        assertThat(listeners).isNotEmpty();
        try (Socket held = new Socket(LO, port)) {
            held.setSoTimeout(5000);
            String first = EchoBackend.firstLine(held.getInputStream());
            java.util.concurrent.atomic.AtomicBoolean changing = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<Throwable> refused = new java.util.concurrent.atomic.AtomicReference<>();
            Thread clients = Thread.ofPlatform().start(() -> {
                while (changing.get()) {
                    try {
                        assertThat(greeting(port)).isIn("a", "b");
                        served.incrementAndGet();
                    } catch (Throwable t) {
                        refused.compareAndSet(null, t);
                    }
                }
            });
            await(() -> served.get() > 5, "clients served before the change");

            p.reloading();
            p.replaceService(before, after);
            p.setDestination(after, dest(a.port()), 1);
            p.setDestination(after, dest(b.port()), 1);
            p.populated();

            int at = served.get();
            await(() -> served.get() > at + 5, "clients served after the change");
            changing.set(false);
            clients.join(10_000);
            assertThat(refused.get()).as("no client refused during the change").isNull();
            assertThat(echo(held, "still-here")).as("the open connection (to %s) goes on", first).isEqualTo("still-here");
        }
        ProxyTable.Service s = p.table().services().getFirst();
        assertThat(p.listeners(after)).as("the same listening sockets").hasSameSizeAs(listeners)
                .allSatisfy(c -> assertThat(listeners).anySatisfy(l -> assertThat(c).isSameAs(l)));
        assertThat(s.scheduler()).isEqualTo("wlc");
        assertThat(s.persistenceTimeout()).isEqualTo(60);
        String sticky = greetingFrom("127.0.0.9", port);
        for (int i = 0; i < 4; i++) {
            assertThat(greetingFrom("127.0.0.9", port)).as("persistence now applies").isEqualTo(sticky);
        }
    }

    @Test
    void weightZeroQuiescesAndRemovalDrainsWhileExistingConnectionsContinue() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "");
        ProxyDataPlane p = plane(settings());
        p.addService(vs);
        EchoBackend a = backend("a"), b = backend("b");
        p.setDestination(vs, dest(a.port()), 1);
        p.setDestination(vs, dest(b.port()), 1);
        List<Socket> held = new ArrayList<>();
        try {
            Map<String, Socket> byName = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                Socket s = new Socket(LO, port);
                s.setSoTimeout(5000);
                held.add(s);
                byName.put(EchoBackend.firstLine(s.getInputStream()), s);
            }
            assertThat(byName).containsOnlyKeys("a", "b");
            p.setDestination(vs, dest(b.port()), 0);
            for (int i = 0; i < 4; i++) {
                assertThat(greeting(port)).isEqualTo("a");
            }
            assertThat(echo(byName.get("b"), "still-here")).isEqualTo("still-here");
            p.removeDestination(vs, dest(a.port()));
            assertThat(echo(byName.get("a"), "draining")).isEqualTo("draining");
            // Only b (weight 0) is left: no destination, the client is reset.
            try (Socket s = new Socket(LO, port)) {
                s.setSoTimeout(5000);
                assertThat(readOrReset(s.getInputStream())).isEqualTo(-1);
            }
            assertThat(p.table().services().getFirst().noDestination()).isEqualTo(1);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void openConnectionsAreCountedPerRealServerForTheStatusEndpoint() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "");
        ProxyDataPlane p = plane(settings());
        p.addService(vs);
        EchoBackend a = backend("a"), b = backend("b");
        p.setDestination(vs, dest(a.port()), 1);
        p.setDestination(vs, dest(b.port()), 1);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket s = new Socket(LO, port);
                s.setSoTimeout(5000);
                held.add(s);
                EchoBackend.firstLine(s.getInputStream());
            }
            var connections = p.connections();
            String keyA = io.keepalived4j.lb.ServerConnections.key(vs.describe(), "[127.0.0.1]:" + a.port());
            String keyB = io.keepalived4j.lb.ServerConnections.key(vs.describe(), "[127.0.0.1]:" + b.port());
            assertThat(connections).containsOnlyKeys(keyA, keyB);
            assertThat(connections.get(keyA).active() + connections.get(keyB).active()).isEqualTo(3);
            assertThat(connections.get(keyA).inactive()).isZero();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    private static String echo(Socket s, String line) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return EchoBackend.firstLine(s.getInputStream());
    }

    @Test
    void aDeadServerIsRetriedOnTheNextBeforeAnyByteWasSent() throws Exception {
        int port = freePort();
        int dead = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "");
        ProxyDataPlane p = plane(settings().withRetries(1));
        p.addService(vs);
        EchoBackend a = backend("a");
        p.setDestination(vs, dest(dead), 1);
        p.setDestination(vs, dest(a.port()), 1);
        for (int i = 0; i < 4; i++) {
            assertThat(greeting(port)).isEqualTo("a");
        }
        // IPVS's rr walks the newest destination first: a, then dead (retried on a), and the
        // cursor then stays in step: a, dead+a, dead+a, dead+a.
        assertThat(p.table().services().getFirst().connectFailures()).isEqualTo(3);
        assertThat(a.accepted.get()).isEqualTo(4);
    }

    @Test
    void aHalfCloseIsPassedOnAndTheAnswerStillArrives() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "");
        ProxyDataPlane p = plane(settings());
        p.addService(vs);
        EchoBackend a = backend("a");
        p.setDestination(vs, dest(a.port()), 1);
        try (Socket s = new Socket(LO, port)) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            assertThat(EchoBackend.firstLine(in)).isEqualTo("a");
            s.getOutputStream().write("last words\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("last words\nbye\n");
        }
        await(() -> p.table().connections() == 0, "connection slot released");
    }

    @Test
    void aServerThatNeverReadsDoesNotMakeTheProxyBuffer() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "");
        ProxyDataPlane p = plane(settings());
        p.addService(vs);
        try (ServerSocket sink = new ServerSocket(0, 10, LO)) {
            p.setDestination(vs, dest(sink.getLocalPort()), 1);
            try (SocketChannel client = SocketChannel.open(new InetSocketAddress(LO, port));
                 Socket accepted = sink.accept()) {
                client.configureBlocking(false);
                ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                long written = 0;
                long idleSince = System.nanoTime();
                while (System.nanoTime() - idleSince < 1_000_000_000L && written < 512L << 20) {
                    chunk.clear();
                    int n = client.write(chunk);
                    if (n > 0) {
                        written += n;
                        idleSince = System.nanoTime();
                    } else {
                        Thread.sleep(5);
                    }
                }
                // Everything the client got rid of sits in the three socket buffers on the way, plus
                // at most one read in the proxy: far below what it tried to send.
                assertThat(written).isLessThan(64L << 20);
                long through = p.table().services().getFirst().traffic().inBytes();
                assertThat(through).isLessThanOrEqualTo(written);
                assertThat(accepted.isConnected()).isTrue();
            }
        }
    }

    @Test
    void aClientThatNeverReadsDoesNotMakeTheProxyBuffer() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "");
        ProxyDataPlane p = plane(settings());
        p.addService(vs);
        try (ServerSocket firehose = new ServerSocket(0, 10, LO)) {
            p.setDestination(vs, dest(firehose.getLocalPort()), 1);
            try (Socket client = new Socket(LO, port); Socket server = firehose.accept()) {
                OutputStream out = server.getOutputStream();
                long[] written = {0};
                Thread writer = Thread.ofVirtual().start(() -> {
                    byte[] chunk = new byte[64 * 1024];
                    try {
                        while (written[0] < 512L << 20) {
                            out.write(chunk);
                            written[0] += chunk.length;
                        }
                    } catch (IOException e) {
                        // closed at the end of the test
                    }
                });
                long last = -1;
                long stableSince = System.nanoTime();
                while (System.nanoTime() - stableSince < 1_000_000_000L) {
                    long now = p.table().services().getFirst().traffic().outBytes();
                    if (now != last) {
                        last = now;
                        stableSince = System.nanoTime();
                    }
                    Thread.sleep(20);
                }
                // The real server is stuck writing: the proxy stopped reading it once the client's
                // socket buffer was full, holding at most a write buffer's worth itself.
                assertThat(writer.isAlive()).isTrue();
                assertThat(last).isLessThan(64L << 20);
                assertThat(written[0]).isLessThan(128L << 20);
                server.close();
                writer.join(5000);
            }
        }
    }

    @Test
    void udpDatagramsMakeTheRoundTripAndFlowsAreCounted() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("UDP", port, "rr", "");
        ProxyDataPlane p = plane(settings());
        p.addService(vs);
        try (DatagramSocket echo = new DatagramSocket(0, LO); DatagramSocket client = new DatagramSocket(0, LO)) {
            Thread t = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[2048];
                while (!echo.isClosed()) {
                    try {
                        DatagramPacket in = new DatagramPacket(buf, buf.length);
                        echo.receive(in);
                        String text = "echo:" + new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII);
                        byte[] out = text.getBytes(StandardCharsets.US_ASCII);
                        echo.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            p.setDestination(vs, dest(echo.getLocalPort()), 1);
            client.setSoTimeout(5000);
            for (int i = 0; i < 3; i++) {
                byte[] msg = ("ping" + i).getBytes(StandardCharsets.US_ASCII);
                client.send(new DatagramPacket(msg, msg.length, new InetSocketAddress(LO, port)));
                DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
                client.receive(reply);
                assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII))
                        .isEqualTo("echo:ping" + i);
                assertThat(reply.getSocketAddress()).isEqualTo(new InetSocketAddress(LO, port));
            }
            ProxyTable.Service s = p.table().services().getFirst();
            assertThat(s.traffic().connections()).isEqualTo(1);
            assertThat(s.traffic().inPackets()).isEqualTo(3);
            assertThat(s.traffic().outPackets()).isEqualTo(3);
            assertThat(p.table().udpFlows()).isEqualTo(1);
            echo.close();
            t.join(5000);
        }
    }

    @Test
    void udpFlowsAreForgottenAfterTheIdleTimeout() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("UDP", port, "rr", "");
        ProxyDataPlane p = plane(settings().withIdleTimeouts(Duration.ofSeconds(60), Duration.ofMillis(300)));
        p.addService(vs);
        try (DatagramSocket sink = new DatagramSocket(0, LO); DatagramSocket client = new DatagramSocket(0, LO)) {
            p.setDestination(vs, dest(sink.getLocalPort()), 1);
            byte[] msg = "x".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(msg, msg.length, new InetSocketAddress(LO, port)));
            sink.setSoTimeout(5000);
            sink.receive(new DatagramPacket(new byte[16], 16));
            assertThat(p.table().udpFlows()).isEqualTo(1);
            await(() -> p.table().udpFlows() == 0, "the idle flow is forgotten");
            assertThat(p.table().services().getFirst().traffic().active()).isZero();
        }
    }

    @Test
    void proxyProtocolV1TellsTheServerWhoTheClientIs() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "");
        ProxyDataPlane p = plane(settings().withProxyProtocol(ProxyProtocol.V1));
        p.addService(vs);
        EchoBackend a = new EchoBackend("a", true);
        open.add(a);
        p.setDestination(vs, dest(a.port()), 1);
        try (Socket s = new Socket(LO, port)) {
            s.setSoTimeout(5000);
            assertThat(EchoBackend.firstLine(s.getInputStream())).isEqualTo("a");
            assertThat(a.headers).containsExactly("PROXY TCP4 127.0.0.1 127.0.0.1 " + s.getLocalPort() + " " + port + "\r");
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedAndCounted() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "");
        ProxyDataPlane p = plane(settings().withLimits(2, 16));
        p.addService(vs);
        EchoBackend a = backend("a");
        p.setDestination(vs, dest(a.port()), 1);
        try (Socket s1 = new Socket(LO, port); Socket s2 = new Socket(LO, port)) {
            s1.setSoTimeout(5000);
            s2.setSoTimeout(5000);
            assertThat(EchoBackend.firstLine(s1.getInputStream())).isEqualTo("a");
            assertThat(EchoBackend.firstLine(s2.getInputStream())).isEqualTo("a");
            try (Socket s3 = new Socket(LO, port)) {
                s3.setSoTimeout(5000);
                assertThat(readOrReset(s3.getInputStream())).isEqualTo(-1);
            }
            assertThat(p.table().refused()).isEqualTo(1);
        }
        await(() -> p.table().connections() == 0, "slots released");
        assertThat(greeting(port)).isEqualTo("a");
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        int port = freePort();
        VirtualServer vs = vs("TCP", port, "rr", "");
        ProxyDataPlane p = plane(settings().withIdleTimeouts(Duration.ofMillis(300), Duration.ofSeconds(60)));
        p.addService(vs);
        EchoBackend a = backend("a");
        p.setDestination(vs, dest(a.port()), 1);
        try (Socket s = new Socket(LO, port)) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            assertThat(EchoBackend.firstLine(in)).isEqualTo("a");
            try {
                assertThat(in.read()).isEqualTo(-1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the idle connection was not closed", e);
            }
        }
        assertThat(p.table().idleClosed()).isEqualTo(1);
    }

    @Test
    void fwmarkServicesAreRefusedWithAReason() {
        String text = """
                virtual_server fwmark 7 {
                  lvs_sched rr
                  lvs_method DR
                  real_server 127.0.0.1 80 { weight 1 }
                }
                """;
        ConfigLoader.LoadResult r = ConfigLoader.loadText("fwm.conf", text, LoadOptions.withConfigId("t"));
        VirtualServer vs = r.model().lvs().virtualServers().getFirst();
        ProxyDataPlane p = plane(settings());
        p.addService(vs);
        assertThat(p.table().services()).isEmpty();
        assertThat(p.table().unsupported()).isEqualTo(1);
        assertThat(ProxyScope.refusal(vs, Map.of())).hasValueSatisfying(why -> assertThat(why).contains("fwmark"));
    }
}
