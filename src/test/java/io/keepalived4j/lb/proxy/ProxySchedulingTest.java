package io.keepalived4j.lb.proxy;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.lb.Destination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scheduler through the proxy with real connections on loopback: the distribution each one
 * gives (lb.sched's own tests hold the kernel's reference vectors; these check the proxy feeds
 * them the right destinations, weights and connection counts), and IPv6.
 */
class ProxySchedulingTest {

    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static int freePort(InetAddress at) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, at)) {
            return s.getLocalPort();
        }
    }

    private VirtualServer vs(String address, int port, String proto, String sched, String flags) {
        String text = """
                virtual_server %s %d {
                  lvs_sched %s
                  %s
                  lvs_method NAT
                  protocol %s
                  real_server %s 1 { weight 1 }
                }
                """.formatted(address, port, sched, flags, proto, address);
        ConfigLoader.LoadResult r = ConfigLoader.loadText("s.conf", text, LoadOptions.withConfigId("t"));
        assertThat(r.model()).as(r.diagnostics().toString()).isNotNull();
        return r.model().lvs().virtualServers().getFirst();
    }

    /** Three servers a (weight 3), b (weight 2), c (weight 1), added in that order. */
    private Map<String, EchoBackend> threeServers(ProxyDataPlane p, VirtualServer vs) throws IOException {
        Map<String, EchoBackend> m = new LinkedHashMap<>();
        int w = 3;
        for (String n : List.of("a", "b", "c")) {
            EchoBackend e = new EchoBackend(n);
            open.add(e);
            m.put(n, e);
            p.setDestination(vs, new Destination(LO, e.port(), Forwarding.NAT, false), w--);
        }
        return m;
    }

    private ProxyDataPlane plane() {
        ProxyDataPlane p = new ProxyDataPlane(List.of(), ProxySettings.defaults().withIoThreads(1));
        open.add(p);
        return p;
    }

    private static String greetingFrom(String source, int port) throws IOException {
        try (Socket s = new Socket(LO, port, InetAddress.getByName(source), 0)) {
            s.setSoTimeout(5000);
            return EchoBackend.firstLine(s.getInputStream());
        }
    }

    /**
     * Twelve sequential connections from 127.0.0.1 .. 127.0.0.12, each closed (and seen closed by
     * the proxy: lblc moves on from a server with more active connections than its weight) before
     * the next: the servers they reached, in order.
     */
    private static String sequence(ProxyDataPlane p, int port) throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            b.append(greetingFrom("127.0.0." + i, port));
            awaitIdle(p);
        }
        return b.toString();
    }

    /**
     * Closed connections leave no load, so the connection-counting schedulers see idle servers each
     * time and pick as their tie rules say; the newest destination (c) comes first in IPVS's list.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // rr walks the list newest first: c b a c b a ...
            "rr, cbacbacbacba",
            // wrr: destinations added one by one leave cw at 0 (ip_vs_wrr_dest_changed keeps it
            // unless above mw), so the first pass takes all (c b a); then cw=3: a; cw=2: b a;
            // cw=1: c b a; and again from cw=3.
            "wrr, cbaabacbaaba",
            // lc: all idle (overhead 0): the first in the list wins, c.
            "lc, cccccccccccc",
            // wlc: overhead*weight comparisons with all idle: the first in list order with weight > 0, c.
            "wlc, cccccccccccc",
            // sed: (active+1)/weight, all idle: the heaviest, a.
            "sed, aaaaaaaaaaaa",
            // nq: an idle server first (the first in the list), c.
            "nq, cccccccccccc",
            // fo: the highest weight, a.
            "fo, aaaaaaaaaaaa",
            // ovf: the highest weight with active <= weight, a.
            "ovf, aaaaaaaaaaaa",
    })
    void idleServersAreChosenAsTheKernelWould(String sched, String expected) throws Exception {
        int port = freePort(LO);
        VirtualServer vs = vs("127.0.0.1", port, "TCP", sched, "");
        ProxyDataPlane p = plane();
        p.addService(vs);
        threeServers(p, vs);
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            b.append(greetingFrom("127.0.0." + i, port));
            awaitIdle(p);
        }
        assertThat(b.toString()).isEqualTo(expected);
    }

    private static void awaitIdle(ProxyDataPlane p) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (p.table().services().getFirst().traffic().active() != 0) {
            assertThat(System.nanoTime()).isLessThan(end);
            Thread.sleep(5);
        }
    }

    /** Held connections are what lc, wlc, sed and nq count: they fill the servers by weight. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // lc: the least active; ties to the first in list order (c b a).
            "lc, a=4 b=4 c=4",
            // wlc: active/weight: 6 connections go 3:2:1 ... 12 go 6:4:2.
            "wlc, a=6 b=4 c=2",
            // sed: least (active+1)/weight, ties to the earlier in list order (c b a): a, b, a, c,
            // ... 12 held connections end 6:4:2.
            "sed, a=6 b=4 c=2",
    })
    void heldConnectionsSpreadByWeightAndLoad(String sched, String expected) throws Exception {
        int port = freePort(LO);
        VirtualServer vs = vs("127.0.0.1", port, "TCP", sched, "");
        ProxyDataPlane p = plane();
        p.addService(vs);
        threeServers(p, vs);
        List<Socket> held = new ArrayList<>();
        Map<String, Integer> count = new TreeMap<>();
        try {
            for (int i = 0; i < 12; i++) {
                Socket s = new Socket(LO, port);
                s.setSoTimeout(5000);
                held.add(s);
                count.merge(EchoBackend.firstLine(s.getInputStream()), 1, Integer::sum);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        StringBuilder b = new StringBuilder();
        count.forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(v));
        assertThat(b.toString()).isEqualTo(expected);
    }

    /**
     * The source-hashing schedulers send a source to one server, whatever the order of connections;
     * the destination-keyed ones (dh, lblc) send everything for the one VIP to one server.
     * (lblcr's server set grows and shrinks with load and time: lb.sched's tests cover it.)
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sh", "dh", "mh", "lblc"})
    void hashingSchedulersAreStablePerSource(String sched) throws Exception {
        int port = freePort(LO);
        VirtualServer vs = vs("127.0.0.1", port, "TCP", sched, "");
        ProxyDataPlane p = plane();
        p.addService(vs);
        threeServers(p, vs);
        String first = sequence(p, port);
        String again = sequence(p, port);
        assertThat(again).isEqualTo(first);
        if (sched.equals("sh") || sched.equals("mh")) {
            // Twelve sources hash onto more than one server.
            assertThat(first.chars().distinct().count()).isGreaterThan(1);
        } else {
            assertThat(first.chars().distinct().count()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TCP", "UDP"})
    void ipv6WorksBothWays(String proto) throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        int port = freePort(v6);
        VirtualServer vs = vs("::1", port, proto, "rr", "");
        ProxyDataPlane p = plane();
        p.addService(vs);
        if (proto.equals("TCP")) {
            try (ServerSocket server = new ServerSocket(0, 10, v6)) {
                p.setDestination(vs, new Destination(v6, server.getLocalPort(), Forwarding.NAT, false), 1);
                try (Socket c = new Socket(v6, port); Socket s = server.accept()) {
                    c.getOutputStream().write("hello6\n".getBytes(StandardCharsets.US_ASCII));
                    s.setSoTimeout(5000);
                    assertThat(EchoBackend.firstLine(s.getInputStream())).isEqualTo("hello6");
                    assertThat(((InetSocketAddress) s.getRemoteSocketAddress()).getAddress()).isEqualTo(v6);
                }
            }
        } else {
            try (DatagramSocket server = new DatagramSocket(0, v6); DatagramSocket c = new DatagramSocket(0, v6)) {
                p.setDestination(vs, new Destination(v6, server.getLocalPort(), Forwarding.NAT, false), 1);
                byte[] msg = "hello6".getBytes(StandardCharsets.US_ASCII);
                c.send(new DatagramPacket(msg, msg.length, new InetSocketAddress(v6, port)));
                server.setSoTimeout(5000);
                DatagramPacket in = new DatagramPacket(new byte[64], 64);
                server.receive(in);
                assertThat(new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII)).isEqualTo("hello6");
                server.send(new DatagramPacket(msg, msg.length, in.getSocketAddress()));
                c.setSoTimeout(5000);
                DatagramPacket back = new DatagramPacket(new byte[64], 64);
                c.receive(back);
                assertThat(back.getSocketAddress()).isEqualTo(new InetSocketAddress(v6, port));
            }
        }
    }
}
