package io.keepalived4j.control;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The control server on a real Unix socket with an in-process fake target: the file's mode and
 * ownership of its path, answers, the line and client bounds, the idle limit, and the CLI client.
 * (The peer policy lets this JVM's user in; {@link ControlPeerRefusalTest} shows another user
 * refused by the daemon's root-only policy.)
 */
class ControlServerTest {

    private Path dir;
    private final List<ControlCommand> executed = Collections.synchronizedList(new ArrayList<>());
    private final ControlTarget fake = c -> {
        executed.add(c);
        return c instanceof ControlCommand.Maintenance m && m.instance().equals("nope")
                ? ControlReply.error("no vrrp_instance nope") : ControlReply.ok("done " + c.getClass().getSimpleName());
    };

    @BeforeEach
    void directory() throws IOException {
        dir = Files.createTempDirectory("k4jctl");
    }

    @AfterEach
    void removeDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private ControlServer open(ControlServer.Limits limits) throws IOException {
        // This JVM's own user, whoever runs the tests (the daemon's policy is root only).
        return ControlServer.open(dir.resolve("k4j.sock"), fake, PeerPolicy.only(Files.getOwner(dir)), limits);
    }

    @Test
    void socketIsMode0600AndAnswersEachCommandAndIsRemovedOnClose() throws IOException {
        Path sock;
        try (ControlServer s = open(ControlServer.Limits.DEFAULTS)) {
            sock = s.path();
            assertThat(Files.getPosixFilePermissions(sock, LinkOption.NOFOLLOW_LINKS))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(ControlClient.send(sock, "maintenance VI_1 on"))
                    .isEqualTo(ControlReply.ok("done Maintenance"));
            assertThat(ControlClient.send(sock, "maintenance nope on")).isEqualTo(ControlReply.error("no vrrp_instance nope"));
            assertThat(ControlClient.send(sock, "set priority VI_1 999").lines().getFirst())
                    .isEqualTo("ERR priority must be 1..254 or default, not 999");
            assertThat(ControlClient.send(sock, "help").lines()).isEqualTo(ControlProtocol.help());
            assertThat(executed).containsExactly(new ControlCommand.Maintenance("VI_1", true),
                    new ControlCommand.Maintenance("nope", true));
            assertThat(s.counters().commands()).isEqualTo(4);
            assertThat(s.counters().failedCommands()).isEqualTo(2);
            try (var files = Files.list(dir)) {
                assertThat(files.toList()).as("no temporary name left").containsExactly(sock);
            }
        }
        assertThat(sock).doesNotExist();
    }

    @Test
    void severalCommandsOnOneConnectionUntilQuit() throws IOException {
        try (ControlServer s = open(ControlServer.Limits.DEFAULTS);
             SocketChannel ch = connect(s.path())) {
            send(ch, "show instances\n\nset priority VI_1 default\nquit\n");
            assertThat(readAll(ch)).isEqualTo("done ShowInstances\n\ndone SetPriority\n\n");
        }
    }

    @Test
    void anOverlongLineIsRefusedAndEndsTheConnection() throws IOException {
        try (ControlServer s = open(ControlServer.Limits.DEFAULTS);
             SocketChannel ch = connect(s.path())) {
            send(ch, "show " + "x".repeat(ControlProtocol.MAX_LINE) + "\n");
            // (Then a reset rather than EOF: the server closed with the rest of the line unread.)
            assertThat(readAnswer(ch)).isEqualTo("ERR line longer than 1024 bytes\n\n");
            assertThat(s.counters().overlongLines()).isEqualTo(1);
            assertThat(executed).isEmpty();
        }
    }

    @Test
    void clientsBeyondTheLimitAreToldAndClosedAndIdleOnesAreClosed() throws Exception {
        try (ControlServer s = open(new ControlServer.Limits(1, Duration.ofMillis(400)));
             SocketChannel first = connect(s.path())) {
            // The first connection holds the only slot (answered once, so it was admitted).
            send(first, "help\n");
            assertThat(readAnswer(first)).startsWith("help");
            try (SocketChannel second = connect(s.path())) {
                assertThat(readAll(second)).isEqualTo("ERR busy: 1 control clients already connected\n\n");
            }
            assertThat(s.counters().refusedBusy()).isEqualTo(1);
            // Idle past the limit: closed by the server (EOF), and the slot is free again.
            assertThat(readAll(first)).isEmpty();
            assertThat(s.counters().idleClosed()).isEqualTo(1);
            assertThat(ControlClient.send(s.path(), "show servers")).isEqualTo(ControlReply.ok("done ShowServers"));
        }
    }

    @Test
    void aStaleSocketIsReplacedButALiveOneAndOtherFilesAreLeftAlone() throws IOException {
        Path sock = dir.resolve("k4j.sock");
        try (ControlServer live = open(ControlServer.Limits.DEFAULTS)) {
            assertThat(live.path()).isEqualTo(sock.toAbsolutePath());
            assertThatThrownBy(() -> open(ControlServer.Limits.DEFAULTS)).hasMessageContaining("another process listens");
        }
        // A crashed run's socket: bound, then its listener gone without removing the file.
        try (var crashed = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(sock));
        }
        assertThat(sock).exists();
        try (ControlServer s = open(ControlServer.Limits.DEFAULTS)) {
            assertThat(ControlClient.send(s.path(), "show instances").ok()).isTrue();
        }
        Files.writeString(sock, "not a socket");
        assertThatThrownBy(() -> open(ControlServer.Limits.DEFAULTS)).hasMessageContaining("is not a socket");
        assertThat(Files.readString(sock)).isEqualTo("not a socket");
    }

    @Test
    void ctlCommandPrintsTheAnswerAndExitsByIt() throws IOException {
        try (ControlServer s = open(ControlServer.Limits.DEFAULTS)) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int ok = io.keepalived4j.cli.Main.run(new PrintWriter(out), new PrintWriter(err), "ctl", "--socket",
                    s.path().toString(), "maintenance", "VI_1", "off");
            assertThat(ok).isZero();
            assertThat(out.toString()).isEqualTo("done Maintenance\n");
            int refused = io.keepalived4j.cli.Main.run(new PrintWriter(out), new PrintWriter(err), "ctl", "--socket",
                    s.path().toString(), "maintenance", "nope", "on");
            assertThat(refused).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("ERR no vrrp_instance nope\n");
        }
        StringWriter err = new StringWriter();
        assertThat(io.keepalived4j.cli.Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "ctl",
                "--socket", dir.resolve("absent.sock").toString(), "show", "instances")).isEqualTo(3);
        assertThat(err.toString()).contains("cannot reach the control channel");
    }

    private static SocketChannel connect(Path p) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(p));
        return ch;
    }

    private static void send(SocketChannel ch, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Everything until the server closes the connection. */
    private static String readAll(SocketChannel ch) throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (ch.read(b) >= 0) {
            sb.append(StandardCharsets.UTF_8.decode(b.flip()));
            b.clear();
        }
        return sb.toString();
    }

    /** One answer (up to its empty line). */
    private static String readAnswer(SocketChannel ch) throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (!sb.toString().endsWith("\n\n") && ch.read(b) >= 0) {
            sb.append(StandardCharsets.UTF_8.decode(b.flip()));
            b.clear();
        }
        return sb.toString();
    }
}
