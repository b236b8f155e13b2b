package io.keepalived4j.control;

import io.keepalived4j.testsupport.Exec;
import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only root may use the control channel: a throwaway system user (created here, deleted in the
 * end) cannot connect through the socket's mode 0600, and when the mode is loosened to 0666 it
 * connects but SO_PEERCRED has it refused: no command reaches the target.
 */
class ControlPeerRefusalTest {

    /**
     * A minimal client in another language, so the second user needs nothing of this build (run by
     * the system's python: one found on root's PATH may live under /root, closed to other users).
     */
    private static final String CLIENT = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                s.connect(sys.argv[1])
            except OSError as e:
                print("connect failed:", e.strerror)
                sys.exit(0)
            try:
                s.sendall(b"maintenance VI_1 on\\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # refused and closed before our line went out: its answer is still to be read
            data = b""
            while True:
                try:
                    d = s.recv(4096)
                except ConnectionResetError:
                    break  # the server closed with our line unread: Linux reports a reset after the data
                if not d:
                    break
                data += d
            sys.stdout.write(data.decode())
            """;

    @Test
    void aNonRootPeerIsRefusedByTheFileModeAndStillBySoPeercredOnceTheModeIsLoosened() throws Exception {
        Root.assumeRootOrFailOnCi();
        String user = "k4jctl" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        Path dir = Files.createTempDirectory("k4jctl");
        List<ControlCommand> executed = Collections.synchronizedList(new ArrayList<>());
        ExecResult added = Exec.run(List.of("useradd", "-M", "-r", "-s", "/usr/sbin/nologin", user), Duration.ofSeconds(20));
        try {
            assertThat(added.ok()).as("useradd: %s", added.stderr()).isTrue();
            String uid = Exec.run(List.of("id", "-u", user), Duration.ofSeconds(5)).stdout().strip();
            String gid = Exec.run(List.of("id", "-g", user), Duration.ofSeconds(5)).stdout().strip();
            // The user may reach the directory; only the socket's own mode stands in its way.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path script = dir.resolve("client.py");
            Files.writeString(script, CLIENT);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
            try (ControlServer s = ControlServer.open(dir.resolve("k4j.sock"), c -> {
                executed.add(c);
                return ControlReply.ok("done");
            }, ControlServer.Limits.DEFAULTS)) {
                List<String> asUser = List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--",
                        "/usr/bin/python3", script.toString(), s.path().toString());

                ExecResult byMode = Exec.run(asUser, Duration.ofSeconds(20));
                assertThat(byMode.stdout()).as("stderr: %s", byMode.stderr()).contains("connect failed: Permission denied");

                Files.setPosixFilePermissions(s.path(), PosixFilePermissions.fromString("rw-rw-rw-"));
                ExecResult byCredentials = Exec.run(asUser, Duration.ofSeconds(20));
                assertThat(byCredentials.stdout()).as("stderr: %s", byCredentials.stderr())
                        .isEqualTo("ERR permission denied: only root may use the control channel\n\n");
                assertThat(s.counters().refusedPeers()).isEqualTo(1);
                assertThat(executed).as("no command of the other user reached the daemon").isEmpty();

                // Root, through the same loosened socket, is served.
                assertThat(ControlClient.send(s.path(), "maintenance VI_1 on")).isEqualTo(ControlReply.ok("done"));
            }
        } finally {
            if (added.ok()) {
                Exec.run(List.of("userdel", user), Duration.ofSeconds(20));
            }
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
