package io.keepalived4j.api;

import io.keepalived4j.check.PoolStatus;
import io.keepalived4j.lb.ServerConnections;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The pools' view: the checkers' status joined with the data plane's connection counts. */
class VirtualServerViewTest {

    @Test
    void connectionsAreJoinedByVirtualServerAndAddressPort() {
        PoolStatus.VirtualServerStatus vs = new PoolStatus.VirtualServerStatus("[10.0.0.100]:tcp:80", true, 2, List.of(
                new PoolStatus.RealServerStatus("[10.0.0.11]:tcp:80", true, true, 1, List.of()),
                new PoolStatus.RealServerStatus("[2001:db8::12]:tcp:8080", true, true, 1, List.of())), Optional.empty());
        Map<String, ServerConnections> connections = Map.of(
                ServerConnections.key("[10.0.0.100]:tcp:80", "[10.0.0.11]:80"), new ServerConnections(3, 1),
                ServerConnections.key("[10.0.0.100]:tcp:80", "[2001:db8::12]:8080"), new ServerConnections(5, 0),
                ServerConnections.key("[10.0.0.200]:tcp:80", "[10.0.0.11]:80"), new ServerConnections(99, 99));

        VirtualServerView view = VirtualServerView.of(vs, connections);

        assertThat(view.servers()).extracting(s -> s.activeConnections().getAsLong()).containsExactly(3L, 5L);
        assertThat(view.servers().getFirst().inactiveConnections()).hasValue(1);
        assertThat(VirtualServerView.of(vs).servers().getFirst().activeConnections()).isEmpty();
    }

    @Test
    void tablesListInstancesThenPoolsAsIpvsadmDoes() {
        String text = StatusTables.text(StatusFixtures.full());

        List<String> lines = text.lines().toList();
        assertThat(lines.getFirst()).startsWith("INSTANCE").contains("STATE", "PRIO", "PEERS HEARD", "REJECTED");
        assertThat(lines.get(1)).startsWith("VI_1").contains("MASTER", "90", "10.0.0.2(50)");
        assertThat(lines.get(2)).startsWith("VI_6").contains("BACKUP", "10.1.0.2(200),10.1.0.3(10)");
        assertThat(text).contains("  VI_1: in MASTER for 1m0s; script chk_haproxy down weight -10; interface eth1 up weight 0")
                .contains("rejected bad_ttl 3");
        int pool = lines.indexOf(lines.stream().filter(l -> l.startsWith("Prot LocalAddress:Port")).findFirst().orElseThrow());
        assertThat(lines.get(pool + 1)).startsWith("[10.0.0.100]:tcp:80").contains("quorum up");
        assertThat(lines.get(pool + 2)).startsWith("  -> [10.0.0.11]:tcp:80").contains("7", "2", "alive: HTTP_GET up");
        assertThat(lines.get(pool + 3)).startsWith("  -> [10.0.0.12]:tcp:80").contains("out", "DEAD",
                "TCP_CHECK down [TCP connection to [10.0.0.12]:tcp:80 failed]");
    }

    @Test
    void jsonVersion2WrapsTheArrayAsKeepalivedDoes() {
        String v1 = KeepalivedJsonFormat.text(StatusFixtures.full(), 1);
        String v2 = KeepalivedJsonFormat.text(StatusFixtures.full(), 2);

        assertThat(v2).isEqualTo("{\"vrrp\":" + v1.strip() + "}\n");
        assertThat(v1).contains("\"vips\":[\"10.0.0.100\\/24 dev eth0 scope global label eth0:vip set\"");
        assertThat(KeepalivedJsonFormat.g(1)).isEqualTo("1");
        assertThat(KeepalivedJsonFormat.g(0.5)).isEqualTo("0.5");
        assertThat(KeepalivedJsonFormat.g(2.25)).isEqualTo("2.25");
    }
}
