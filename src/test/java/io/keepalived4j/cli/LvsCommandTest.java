package io.keepalived4j.cli;

import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.daemon.LvsDump;
import io.keepalived4j.lb.Destination;
import io.keepalived4j.lb.proxy.ProxyTable;
import io.keepalived4j.lb.proxy.Traffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code keepalived4j lvs} reads the daemon's dump and prints ipvsadm's listings. */
class LvsCommandTest {

    @TempDir
    Path dir;

    private Path dump() throws Exception {
        InetAddress vip = InetAddress.getByName("10.0.0.100");
        Traffic svc = new Traffic(1, 1234, 5000, 4000, 150_000_000L, 2_000_000, new Traffic.Rates(12, 40, 30, 4000, 9000));
        Traffic rs1 = new Traffic(1, 1000, 4000, 3000, 120_000_000L, 1_500_000, Traffic.Rates.ZERO);
        Traffic rs2 = new Traffic(0, 234, 1000, 1000, 30_000_000L, 500_000, Traffic.Rates.ZERO);
        ProxyTable t = new ProxyTable(List.of(new ProxyTable.Service("[10.0.0.100]:tcp:80", "TCP", "wrr", 3600,
                List.of(new InetSocketAddress(vip, 80)), svc, 2, 3, List.of(
                new ProxyTable.Server(new Destination(InetAddress.getByName("10.0.0.21"), 80, Forwarding.of(Forwarding.Method.DR), false), 3, rs1),
                new ProxyTable.Server(new Destination(InetAddress.getByName("10.0.0.22"), 80, Forwarding.NAT, false), 0, rs2)))),
                1, 0, 7, 0, 0, 0);
        Path f = dir.resolve(LvsDump.FILE_NAME);
        Files.writeString(f, LvsDump.text(t));
        return f;
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(status).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void listsLikeIpvsadm() throws Exception {
        Path f = dump();
        assertThat(run("lvs", "--no-signal", "--dump", f.toString())).isEqualTo("""
                keepalived4j userspace proxy (IPVS semantics)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  10.0.0.100:80 wrr persistent 3600
                  -> 10.0.0.21:80                 Route   3      1          0        \s
                  -> 10.0.0.22:80                 Masq    0      0          0        \s
                """);
        assertThat(run("lvs", "-n", "--stats", "--no-signal", "--dump", f.toString())).isEqualTo("""
                keepalived4j userspace proxy (IPVS semantics)
                Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
                  -> RemoteAddress:Port
                TCP  10.0.0.100:80                    1234     5000     4000  150000K  2000000
                  -> 10.0.0.21:80                     1000     4000     3000  120000K  1500000
                  -> 10.0.0.22:80                      234     1000     1000 30000000   500000
                """);
        assertThat(run("lvs", "--rate", "--no-signal", "--dump", f.toString()))
                .contains("CPS    InPPS   OutPPS    InBPS   OutBPS")
                .contains("TCP  10.0.0.100:80                      12       40       30     4000     9000");
        assertThat(Files.readString(f)).contains("refused_at_limit 7\n", "no_destination [10.0.0.100]:tcp:80 2\n",
                "connect_failures [10.0.0.100]:tcp:80 3\n");
    }

    @Test
    void withoutARunningDaemonItSaysSo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), "lvs", "--pid-file",
                dir.resolve("none.pid").toString(), "--dump", dir.resolve("x").toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("no pid file");
    }
}
