package io.keepalived4j.daemon;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.lb.Destination;
import io.keepalived4j.lb.LoggingDataPlane;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker service as the daemon runs it, against real servers on loopback and real scripts:
 * a server stopped leaves the pool with keepalived's lines within the check window and comes back
 * when restarted; a MISC_CHECK script that hangs or floods its output is bounded; the stop takes
 * every server out.
 */
class CheckerServiceTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("Keepalived_healthcheckers");
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        logger.detachAppender(log);
    }

    @Test
    void aStoppedServerLeavesThePoolAndComesBackWhenRestarted() throws Exception {
        Listener a = listen(0);
        Listener b = listen(0);
        int vsPort = a.port() + 1;
        LoggingDataPlane plane = new LoggingDataPlane();
        CheckerService service = start("""
                virtual_server 127.0.0.1 %d {
                  delay_loop 1
                  lvs_sched rr
                  lvs_method NAT
                  protocol TCP
                  real_server 127.0.0.1 %d { TCP_CHECK { connect_timeout 1
                      retry 1
                      delay_before_retry 1
                      warmup 0 } }
                  real_server 127.0.0.1 %d { TCP_CHECK { connect_timeout 1
                      warmup 0 } }
                }
                """.formatted(vsPort, a.port(), b.port()), plane);
        String vs = "[127.0.0.1]:tcp:" + vsPort;
        String rsA = "[127.0.0.1]:tcp:" + a.port();
        await(() -> lines().contains("TCP connection to " + rsA + " success."), Duration.ofSeconds(5), "first check");
        assertThat(lines()).startsWith("Gained quorum 1+0=1 <= 2 for VS " + vs);
        // The pool logs a server's change before it reaches the data plane (keepalived's order), and
        // this thread reads the plane: wait for it.
        await(() -> weights(plane).keySet().equals(Set.of(a.port(), b.port())), Duration.ofSeconds(2), "the data plane");
        assertThat(weights(plane)).containsOnlyKeys(a.port(), b.port());

        a.close();
        long stopped = System.nanoTime();
        // Check window: delay_loop 1 + (retry 1 x delay_before_retry 1) + 2 connects, plus slack.
        await(() -> lines().contains("Removing service " + rsA + " from VS " + vs), Duration.ofSeconds(8), "removal");
        Duration took = Duration.ofNanos(System.nanoTime() - stopped);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(lines()).contains("TCP_CHECK on service " + rsA + " failed after 1 retries.");
        await(() -> weights(plane).keySet().equals(Set.of(b.port())), Duration.ofSeconds(2), "the data plane");
        assertThat(weights(plane)).containsOnlyKeys(b.port());

        Listener again = listen(a.port());
        await(() -> lines().contains("Adding service " + rsA + " to VS " + vs), Duration.ofSeconds(5), "re-adding");
        await(() -> weights(plane).keySet().equals(Set.of(a.port(), b.port())), Duration.ofSeconds(2), "the data plane");
        assertThat(weights(plane)).containsOnlyKeys(a.port(), b.port());
        again.close();

        service.close();
        open.remove(service);
        assertThat(lines()).contains("Shutting down service " + rsA + " from VS " + vs,
                "Shutting down service [127.0.0.1]:tcp:" + b.port() + " from VS " + vs);
        assertThat(plane.table()).isEmpty();
    }

    @Test
    void theStatusSnapshotShowsQuorumLiveAndDeadServersTheirChecksAndWeights() throws Exception {
        Listener a = listen(0);
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        int vsPort = a.port() + 1;
        String text = """
                global_defs {
                  router_id lb-status
                }
                virtual_server 127.0.0.1 %d {
                  delay_loop 1
                  lvs_sched rr
                  lvs_method NAT
                  protocol TCP
                  real_server 127.0.0.1 %d { weight 3
                      TCP_CHECK { connect_timeout 1
                      warmup 0 } }
                  real_server 127.0.0.1 %d { TCP_CHECK { connect_timeout 1
                      retry 0
                      warmup 0 } }
                }
                """.formatted(vsPort, a.port(), dead);
        CheckerService service = start(text, new LoggingDataPlane());
        String rsDead = "[127.0.0.1]:tcp:" + dead;
        await(() -> lines().stream().anyMatch(l -> l.startsWith("Removing service " + rsDead)), Duration.ofSeconds(8),
                "the dead server removed");

        io.keepalived4j.api.StatusSnapshot s = new DaemonStatus(InProcessNode.load(text).global(), null, service).snapshot();

        assertThat(s.routerId()).isEqualTo("lb-status");
        assertThat(s.instances()).isEmpty();
        io.keepalived4j.api.VirtualServerView vs = s.virtualServers().getFirst();
        assertThat(vs.service()).isEqualTo("[127.0.0.1]:tcp:" + vsPort);
        assertThat(vs.quorumUp()).isTrue();
        assertThat(vs.liveWeight()).isEqualTo(3);
        assertThat(vs.servers()).extracting(io.keepalived4j.api.VirtualServerView.RealServerView::server)
                .containsExactly("[127.0.0.1]:tcp:" + a.port(), rsDead);
        var live = vs.servers().getFirst();
        assertThat(live.alive()).isTrue();
        assertThat(live.set()).isTrue();
        assertThat(live.weight()).isEqualTo(3);
        assertThat(live.checkers()).singleElement().satisfies(c -> {
            assertThat(c.checker()).isEqualTo("TCP_CHECK");
            assertThat(c.up()).isTrue();
        });
        var down = vs.servers().get(1);
        assertThat(down.alive()).isFalse();
        assertThat(down.checkers().getFirst().last()).hasValueSatisfying(l -> assertThat(l).contains(rsDead));
        assertThat(io.keepalived4j.api.StatusTables.text(s)).contains("-> " + rsDead, "DEAD: TCP_CHECK down");
        assertThat(io.keepalived4j.api.PrometheusFormat.text(s, Map.of()))
                .contains("keepalived4j_real_server_alive{virtual_server=\"" + vs.service() + "\",real_server=\"" + rsDead
                        + "\"} 0\n")
                .contains("keepalived4j_virtual_server_live_weight{virtual_server=\"" + vs.service() + "\"} 3\n");
    }

    @Test
    void miscCheckScriptsThatHangOrFloodAreBounded() throws Exception {
        Root.assumeRootOrFailOnCi();
        Path ok = script("ok.sh", "#!/bin/sh\nexit $(cat " + dir.resolve("state") + ")\n");
        Files.writeString(dir.resolve("state"), "0");
        Path hang = script("hang.sh", "#!/bin/sh\nexec sleep 60\n");
        Path flood = script("flood.sh", "#!/bin/sh\nexec yes flooding-stdout-and-stderr\n");
        CheckerService service = start("""
                virtual_server 127.0.0.1 80 {
                  delay_loop 1
                  lvs_sched rr
                  lvs_method DR
                  protocol TCP
                  real_server 127.0.0.2 80 { MISC_CHECK { misc_path "%s"
                      misc_dynamic
                      warmup 0 } }
                  real_server 127.0.0.3 80 { MISC_CHECK { misc_path "%s"
                      misc_timeout 1
                      delay_loop 60
                      warmup 0 } }
                  real_server 127.0.0.4 80 { MISC_CHECK { misc_path "%s"
                      misc_timeout 1
                      delay_loop 60
                      warmup 0 } }
                }
                """.formatted(ok, hang, flood), new LoggingDataPlane());
        String vs = "[127.0.0.1]:tcp:80";
        await(() -> lines().contains("Removing service [127.0.0.3]:tcp:80 from VS " + vs)
                && lines().contains("Removing service [127.0.0.4]:tcp:80 from VS " + vs), Duration.ofSeconds(10),
                "hanging and flooding scripts timed out");
        assertThat(lines()).contains(
                "Misc check for [[127.0.0.3]:tcp:80 VS " + vs + "] by [" + hang + "] timed out with retry disabled.",
                "Misc check for [[127.0.0.4]:tcp:80 VS " + vs + "] by [" + flood + "] timed out with retry disabled.");
        // misc_dynamic: exit 12 sets the weight to 10.
        Files.writeString(dir.resolve("state"), "12");
        await(() -> lines().contains("Changing weight from 1 to 10 for active service [127.0.0.2]:tcp:80 of VS " + vs),
                Duration.ofSeconds(15), "dynamic weight");
        Files.writeString(dir.resolve("state"), "1");
        await(() -> lines().contains("Removing service [127.0.0.2]:tcp:80 from VS " + vs), Duration.ofSeconds(15),
                "exit 1 takes it out");
        assertThat(lines()).contains("Misc check for [[127.0.0.2]:tcp:80 VS " + vs + "] by [" + ok
                + "] failed with retry disabled (exited with status 1).");
        // No script left running once the service stopped (their process groups were killed).
        service.close();
        open.remove(service);
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("sleep")
                || p.info().command().orElse("").endsWith("yes")).toList()).isEmpty();
    }

    @Test
    void aServerGoingDownIsMailedAndWrittenToTheLvsFifo() throws Exception {
        Root.assumeRootOrFailOnCi();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path fifo = dir.resolve("lvs.fifo");
        Path seen = dir.resolve("fifo.log");
        Path reader = script("reader.sh", "#!/bin/sh\nexec cat \"$1\" >> " + seen + "\n");
        try (io.keepalived4j.testsupport.SmtpSink smtp = new io.keepalived4j.testsupport.SmtpSink(
                Map.of("DATA", "354 go on\r\n"))) {
            start("""
                    global_defs {
                      router_id lb-test
                      notification_email { ops@example.org }
                      notification_email_from k4j@example.org
                      smtp_server 127.0.0.1 %d
                      lvs_notify_fifo %s
                      lvs_notify_fifo_script %s
                    }
                    virtual_server 127.0.0.1 80 {
                      delay_loop 1
                      lvs_sched rr
                      lvs_method NAT
                      protocol TCP
                      real_server 127.0.0.1 %d { TCP_CHECK { connect_timeout 1
                          warmup 0 } }
                    }
                    """.formatted(smtp.port(), fifo, reader, closed), new LoggingDataPlane());
            String rs = "[127.0.0.1]:tcp:" + closed;
            String mail = smtp.transcript().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(mail).contains("Subject: [lb-test] Realserver " + rs + " of virtual server [127.0.0.1]:tcp:80 - DOWN",
                    "=> TCP CHECK failed on service <=");
            await(() -> {
                try {
                    return Files.exists(seen) && Files.readString(seen).contains("RS " + rs + " [127.0.0.1]:tcp:80 DOWN\n");
                } catch (IOException e) {
                    return false;
                }
            }, Duration.ofSeconds(5), "the FIFO line");
            assertThat(Files.readString(seen)).startsWith("VS [127.0.0.1]:tcp:80 UP\n");
        }
    }

    @Test
    void aFlappingWebServerStaysWhileAnEndlessOneGoesDown() throws Exception {
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        // Flapping: every other answer is a 500; with retry 1 a single failure never takes it out.
        WebServer flapping = web(out -> {
            boolean ok = requests.incrementAndGet() % 2 == 1; // the first answer is good: a first failure counts at once
            out.write(((ok ? "HTTP/1.0 200 OK" : "HTTP/1.0 500 Oops") + "\r\nContent-Length: 3\r\n\r\nok\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        });
        // Endless: a 200 whose body never ends (a server sending gigabytes).
        WebServer endless = web(out -> {
            out.write("HTTP/1.0 200 OK\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            while (true) {
                out.write(chunk);
            }
        });
        CheckerService service = start("""
                virtual_server 127.0.0.1 80 {
                  delay_loop 1
                  lvs_sched rr
                  lvs_method NAT
                  protocol TCP
                  real_server 127.0.0.1 %d { HTTP_GET { url { path /
                      status_code 200 }
                      connect_timeout 1
                      retry 1
                      delay_before_retry 1
                      warmup 0 } }
                  real_server 127.0.0.1 %d { HTTP_GET { url { path /
                      digest 00000000000000000000000000000000 }
                      connect_timeout 1
                      retry 0
                      warmup 0 } }
                }
                """.formatted(flapping.port(), endless.port()), new LoggingDataPlane());
        String vs = "[127.0.0.1]:tcp:80";
        long t0 = System.nanoTime();
        await(() -> lines().contains("Removing service [127.0.0.1]:tcp:" + endless.port() + " from VS " + vs),
                Duration.ofSeconds(6), "the endless server taken out");
        // Its attempt ends at max(connect_timeout, delay_loop) = 1 s, whatever the server sends.
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
        Thread.sleep(5_000);
        assertThat(lines()).as("never removed while it flaps").doesNotContain(
                "Removing service [127.0.0.1]:tcp:" + flapping.port() + " from VS " + vs);
        assertThat(requests.get()).isGreaterThan(4);
        service.close();
        open.remove(service);
    }

    /** A one-answer-per-connection HTTP server on loopback; {@code answer} writes the response. */
    private WebServer web(WebServer.Answer answer) throws IOException {
        WebServer w = new WebServer(answer);
        open.add(w);
        return w;
    }

    private static final class WebServer implements AutoCloseable {
        interface Answer {
            void write(java.io.OutputStream out) throws IOException;
        }

        private final ServerSocket socket;

        WebServer(Answer answer) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    Socket s;
                    try {
                        s = socket.accept();
                    } catch (IOException e) {
                        return;
                    }
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            s.getInputStream().read(new byte[4096]);
                            answer.write(s.getOutputStream());
                        } catch (IOException e) {
                            // the checker closed first (the endless server) or went away
                        }
                    });
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    // ---- helpers

    private CheckerService start(String text, LoggingDataPlane plane) {
        ConfigLoader.LoadResult r = ConfigLoader.loadText("test.conf", text, LoadOptions.withConfigId("test"));
        assertThat(r.diagnostics().hasErrors()).as("%s", r.diagnostics().all()).isFalse();
        KeepalivedConfig config = r.model();
        CheckerService s = CheckerService.start(config, DaemonSettings.defaults(), plane, false, reason -> {
            throw new AssertionError("checker service failed: " + reason);
        });
        open.add(s);
        return s;
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private List<String> lines() {
        synchronized (log) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static Map<Integer, Long> weights(LoggingDataPlane plane) {
        Map<Integer, Long> m = new java.util.TreeMap<>();
        plane.table().values().forEach(d -> d.forEach((Destination dest, Long w) -> m.put(dest.port(), w)));
        return m;
    }

    private static void await(BooleanSupplier condition, Duration within, String what) {
        InProcessNode.await(condition, within, what);
    }

    private Listener listen(int port) throws IOException {
        Listener l = new Listener(port);
        open.add(l);
        return l;
    }

    /** A TCP server on loopback that accepts and closes. */
    private static final class Listener implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket();
        private final Thread acceptor;

        Listener(int port) throws IOException {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }
}
