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
}
