package io.keepalived4j.daemon;

import io.keepalived4j.testsupport.SmtpSink;
import io.keepalived4j.vrrp.engine.VrrpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notify scripts, the notify FIFO with its reader script, and SMTP alerts, through a running daemon:
 * instance and sync-group state changes, priority changes, and the STOP at the end, as keepalived
 * sends them.
 */
class DaemonNotificationsTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void scriptsFifoAndMailFollowTheInstanceAndItsSyncGroup() throws Exception {
        Path log = dir.resolve("notify.log");
        Path env = dir.resolve("env.txt");
        Path fifoOut = dir.resolve("fifo.out");
        Path weight = Files.writeString(dir.resolve("weight"), "0\n");
        script("m.sh", "echo notify_master >> " + log);
        script("b.sh", "echo notify_backup >> " + log);
        script("n.sh", "echo \"notify $*\" >> " + log + "\nenv > " + env + "\necho \"zero $0\" >> " + env);
        script("g.sh", "echo \"group $*\" >> " + log);
        script("reader.sh", "exec cat \"$1\" >> " + fifoOut);
        try (SmtpSink smtp = new SmtpSink(Map.of("DATA", "354 go on\r\n"))) {
            String top = """
                    global_defs {
                        notify_fifo %s/notify.fifo
                        notify_fifo_script %s/reader.sh
                        smtp_server 127.0.0.1 %d
                        notification_email {
                            ops@example.org
                        }
                        notification_email_from k4j@example.org
                        smtp_alert
                    }
                    track_file tf {
                        file %s
                        weight -1
                    }
                    vrrp_sync_group G1 {
                        group {
                            VI_1
                        }
                        notify %s/g.sh
                        # keepalived 2.2.7 drops a member's weighted trackers without this
                        sync_group_tracking_weight
                    }
                    """.formatted(dir, dir, smtp.port(), weight, dir);
            String instance = """
                    notify_master %s/m.sh
                    notify_backup %s/b.sh
                    notify %s/n.sh
                    notify_priority_changes
                    track_file {
                        tf
                    }
                    """.formatted(dir, dir, dir);
            FakeLan lan = new FakeLan();
            try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", InProcessNode.config(150, instance, top)
                    .replaceFirst("global_defs \\{\\n    router_id node150\\n    vrrp_version 3\\n}\\n", "")
                    .replace("global_defs {\n    notify_fifo", "global_defs {\n    router_id node150\n    vrrp_version 3\n    notify_fifo"),
                    FaultHooks.NONE)) {
                a.awaitState(VrrpState.MASTER, Duration.ofSeconds(3));
                // An instance's notifications run in order, one at a time; its group's run in order too,
                // beside them (keepalived forks every script without waiting, so it orders neither).
                awaitLines(log, List.of("notify_backup", "notify INSTANCE VI_1 BACKUP 150", "notify_master",
                        "notify INSTANCE VI_1 MASTER 150"));
                awaitLines(log, List.of("group GROUP G1 BACKUP 0", "group GROUP G1 MASTER 0"));
                Files.writeString(weight, "20\n");
                awaitLines(fifoOut, List.of("INSTANCE \"VI_1\" BACKUP 150", "INSTANCE \"VI_1\" MASTER 150",
                        "INSTANCE \"VI_1\" MASTER_PRIORITY 130"));
                awaitLines(fifoOut, List.of("GROUP \"G1\" BACKUP 0", "GROUP \"G1\" MASTER 0"));
                // The sink takes one connection: the first alert, the instance's or its group's.
                assertThat(smtp.transcript().get(10, TimeUnit.SECONDS)).contains("RCPT TO:<ops@example.org>")
                        .containsPattern("Subject: \\[node150\\] VRRP (Instance VI_1|Group G1) - Entering BACKUP state");
            }
            assertThat(Files.readAllLines(log)).contains("notify INSTANCE VI_1 STOP 130", "group GROUP G1 STOP 0");
            // The script got the resolved path as $0 and a minimal environment, not the JVM's.
            String seen = Files.readString(env);
            assertThat(seen).contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "zero " + dir.resolve("n.sh").toRealPath());
            assertThat(seen).doesNotContain("JAVA_HOME=", "CLASSPATH=", "LD_PRELOAD=", "MAVEN", "IFS=");
            assertThat(dir.resolve("notify.fifo")).as("the FIFO we made is removed at stop").doesNotExist();
        }
    }

    private static void awaitLines(Path file, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (lines.containsAll(expected)) {
                assertThat(lines).containsSubsequence(expected);
                return;
            }
            if (System.nanoTime() > deadline) {
                assertThat(lines).as("lines of " + file).containsSubsequence(expected);
            }
            Thread.sleep(20);
        }
    }
}
