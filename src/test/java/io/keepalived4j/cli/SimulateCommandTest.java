package io.keepalived4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulateCommandTest {

    private static String node(int priority) {
        return "vrrp_instance VI_1 {\n state BACKUP\n interface eth0\n virtual_router_id 51\n priority " + priority
                + "\n advert_int 1\n virtual_ipaddress {\n  10.231.0.100/24\n }\n}\n";
    }

    @Test
    void timelineShowsElectionFailoverAndPreemption(@TempDir Path dir) throws IOException {
        Path lb1 = Files.writeString(dir.resolve("lb1.conf"), node(150));
        Path lb2 = Files.writeString(dir.resolve("lb2.conf"), node(100));
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "simulate", lb1.toString(),
                lb2.toString(), "--kill", "lb1@10s", "--start", "lb1@15s", "--duration", "25s");
        assertThat(code).isZero();
        List<String> lines = out.toString().lines().toList();
        // lb1 (150) wins after its Master_Down_Interval: 3 s + (256 - 150) / 256 s.
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("3.414062 s").contains("lb1").contains("BACKUP -> MASTER"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("10.000000 s").contains("lb1").contains("host dies"));
        // lb2 (100) takes over one Master_Down_Interval (3.609375 s) after lb1's last advert (9.414062 s + delivery).
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(" 13.02").contains("lb2").contains("BACKUP -> MASTER"));
        // lb1 comes back and preempts.
        assertThat(lines.getLast()).contains("lb2").contains("MASTER -> BACKUP");
    }

    @Test
    void unknownNodeIsAClearUsageError(@TempDir Path dir) throws IOException {
        Path lb1 = Files.writeString(dir.resolve("lb1.conf"), node(150));
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "simulate", lb1.toString(),
                "--kill", "lb9@1s");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown node 'lb9'").contains("lb1");
    }

    /**
     * Two instances in a sync group, both tracking chk_web (weight -60), unicast between 10.231.0.11
     * and .12. Without sync_group_tracking_weight keepalived 2.2.7 drops a member's weighted script.
     */
    private static String groupNode(int priority, String self, String peer) {
        StringBuilder b = new StringBuilder("vrrp_script chk_web {\n script \"/bin/true\"\n weight -60\n}\n"
                + "vrrp_sync_group G1 {\n group {\n  VI_1\n  VI_2\n }\n sync_group_tracking_weight\n}\n");
        for (int vrid : new int[] {51, 52}) {
            b.append("vrrp_instance VI_").append(vrid - 50).append(" {\n state BACKUP\n interface eth0\n virtual_router_id ")
                    .append(vrid).append("\n priority ").append(priority).append("\n advert_int 1\n unicast_src_ip ")
                    .append(self).append("\n unicast_peer {\n  ").append(peer).append("\n }\n track_script {\n  chk_web\n }\n")
                    .append(" virtual_ipaddress {\n  10.231.0.").append(vrid + 50).append("/24\n }\n}\n");
        }
        return b.toString();
    }

    @Test
    void failingTrackScriptMovesTheWholeSyncGroupOverUnicast(@TempDir Path dir) throws IOException {
        Path lb1 = Files.writeString(dir.resolve("lb1.conf"), groupNode(150, "10.231.0.11", "10.231.0.12"));
        Path lb2 = Files.writeString(dir.resolve("lb2.conf"), groupNode(120, "10.231.0.12", "10.231.0.11"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "simulate", lb1.toString(), lb2.toString(),
                "--track", "lb1:chk_web=down@10s", "--track", "lb1:chk_web=up@20s", "--duration", "30s");
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        // lb1 wins both VRIDs together: VI_1 times out first, the group pulls VI_2 along at once.
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("3.414062 s").contains("lb1").contains("VI_1").contains("BACKUP -> MASTER"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("3.414062 s").contains("lb1").contains("VI_2").contains("BACKUP -> MASTER"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("10.000000 s").contains("lb1")
                .contains("Changing effective priority from 150 to 90"));
        // 90 < 120: lb2 stops accepting lb1's adverts and takes over after its Master_Down_Interval.
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("lb2").contains("VI_1").contains("BACKUP -> MASTER"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("lb2").contains("VI_2").contains("BACKUP -> MASTER"));
        // Back up at 20 s: lb1 (150) preempts again, both instances.
        assertThat(lines.subList(lines.size() - 6, lines.size()))
                .anySatisfy(l -> assertThat(l).contains("lb1").contains("VI_1").contains("BACKUP -> MASTER"))
                .anySatisfy(l -> assertThat(l).contains("lb1").contains("VI_2").contains("BACKUP -> MASTER"));
    }

    @Test
    void trackingSomethingNoInstanceTracksIsAClearUsageError(@TempDir Path dir) throws IOException {
        Path lb1 = Files.writeString(dir.resolve("lb1.conf"), node(150));
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "simulate", lb1.toString(),
                "--track", "lb1:chk_x=down@1s");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no instance of lb1 tracks 'chk_x'");
    }
}
