package io.keepalived4j.lb.proxy;

import io.keepalived4j.os.Libc;
import io.keepalived4j.os.process.ProcessGroups;
import io.keepalived4j.testsupport.JavaChild;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon in its own process under a lowered open-file limit (400: the proxy keeps 256 for the
 * daemon and takes (400 - 256) / 2 = 72 client connections), flooded with connections far beyond
 * it and with UDP datagrams from more sources than its descriptors allow flows for: it stays up, refuses and
 * drops with counters above zero (read from its SIGUSR2 dump), serves again afterwards, and its
 * descriptors and its live heap return to the baseline.
 */
class ProxyUnderFdLimitTest {

    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LO)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aConnectionAndDatagramFloodIsShedAndEverythingReturnsToBaseline() throws Exception {
        Root.assumeRootOrFailOnCi();
        int tcpPort = freePort();
        int udpPort = freePort();
        try (EchoBackend backend = new EchoBackend("a"); DatagramSocket udpSink = new DatagramSocket(0, LO)) {
            Path conf = dir.resolve("k.conf");
            Files.writeString(conf, """
                    virtual_server 127.0.0.1 %d {
                      delay_loop 60
                      lvs_sched rr
                      lvs_method NAT
                      protocol TCP
                      real_server 127.0.0.1 %d { weight 1 }
                    }
                    virtual_server 127.0.0.1 %d {
                      delay_loop 60
                      lvs_sched rr
                      lvs_method NAT
                      protocol UDP
                      real_server 127.0.0.1 %d { weight 1 }
                    }
                    """.formatted(tcpPort, backend.port(), udpPort, udpSink.getLocalPort()));
            List<String> prefix = List.of("env", "TMPDIR=" + dir, "prlimit", "--nofile=400:400");
            try (JavaChild daemon = JavaChild.start(prefix, io.keepalived4j.cli.Main.class, "-n", "-l",
                    "--data-plane", "proxy", "--proxy-udp-timeout", "2", "--proxy-threads", "1", "--control-socket", "none",
                    "-f", conf.toString(), "-p", dir.resolve("k.pid").toString(),
                    "-c", dir.resolve("c.pid").toString(), "-r", dir.resolve("r.pid").toString())) {
                await(() -> daemon.output().contains("listening on /127.0.0.1:" + udpPort), daemon, "the proxy listens");
                assertThat(greeting(tcpPort)).isEqualTo("a");
                Thread.sleep(500);
                int baseline = openFds(daemon.pid());
                long heapBefore = liveHeapKiB(daemon.pid());

                // 600 connections at once against a budget of 72.
                List<Socket> flood = new ArrayList<>();
                try {
                    for (int i = 0; i < 600; i++) {
                        Socket s = new Socket();
                        s.connect(new InetSocketAddress(LO, tcpPort), 2000);
                        flood.add(s);
                    }
                    Thread.sleep(500);
                    assertThat(daemon.isAlive()).isTrue();
                    String dump = dump(daemon);
                    assertThat(counter(dump, "refused_at_limit")).isGreaterThan(0);
                    assertThat(counter(dump, "connections")).isLessThanOrEqualTo(72);
                } finally {
                    for (Socket s : flood) {
                        s.close();
                    }
                }
                await(() -> counterNow(daemon, "connections") == 0, daemon, "connections released");
                // 300 UDP sources, a flow (a socket) each, against a budget of 400 - 256 = 144.
                for (int i = 0; i < 300; i++) {
                    try (DatagramSocket c = new DatagramSocket(0, LO)) {
                        byte[] b = "x".getBytes(StandardCharsets.US_ASCII);
                        c.send(new DatagramPacket(b, b.length, new InetSocketAddress(LO, udpPort)));
                    }
                }
                Thread.sleep(300);
                String afterUdp = dump(daemon);
                assertThat(counter(afterUdp, "udp_dropped")).isGreaterThan(0);
                assertThat(counter(afterUdp, "udp_flows")).isLessThanOrEqualTo(144);
                // The flows idle out (--proxy-udp-timeout 2).
                await(() -> counterNow(daemon, "udp_flows") == 0, daemon, "UDP flows forgotten");
                assertThat(greeting(tcpPort)).isEqualTo("a");
                await(() -> openFds(daemon.pid()) <= baseline + 2, daemon, "descriptors back to the baseline "
                        + baseline);
                // What the flood left on the heap after a full GC: nothing beyond noise.
                long heapAfter = liveHeapKiB(daemon.pid());
                assertThat(heapAfter).as("live heap after the flood, KiB (before: " + heapBefore + ")")
                        .isLessThan(heapBefore + 4096);
                daemon.signal("TERM");
                assertThat(daemon.waitFor(Duration.ofSeconds(20))).isZero();
            }
        }
    }

    private String dump(JavaChild daemon) throws Exception {
        Path file = dir.resolve("keepalived4j.lvs");
        long before = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : 0;
        Files.deleteIfExists(file);
        assertThat(ProcessGroups.signalProcess(daemon.pid(), Libc.SIGUSR2)).isTrue();
        await(() -> Files.exists(file), daemon, "the SIGUSR2 dump");
        Thread.sleep(50);
        return Files.readString(file);
    }

    private long counterNow(JavaChild daemon, String name) {
        try {
            return counter(dump(daemon), name);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long counter(String dump, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(dump);
        assertThat(m.find()).as(name + " in\n" + dump).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The daemon's heap in use right after a full GC (jcmd GC.run, then GC.heap_info's "used"). */
    private static long liveHeapKiB(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        assertThat(m.find()).as(info).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as(String.join(" ", argv)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static int openFds(long pid) {
        String[] fds = Path.of("/proc", Long.toString(pid), "fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }

    private static String greeting(int port) throws IOException {
        try (Socket s = new Socket(LO, port)) {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            return EchoBackend.firstLine(in);
        }
    }

    private static void await(BooleanSupplier cond, JavaChild daemon, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end || !daemon.isAlive()) {
                throw new AssertionError("not within 30 s: " + what + "; daemon output:\n" + daemon.output());
            }
            Thread.sleep(100);
        }
    }
}
