package io.keepalived4j.lb.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state file's text reads back as written, and anything else is refused with its line. */
class RealServerStateTest {

    @Test
    void formatAndParseRoundTrip() {
        RealServerState s = RealServerState.empty().withOriginal("net.ipv4.conf.all.arp_ignore", "0")
                .withOriginal("net.ipv4.conf.lo.arp_announce", "1")
                .withVip(RealServerSetup.parseVip("10.0.0.1"), true)
                .withVip(RealServerSetup.parseVip("2001:db8::1"), false);
        assertThat(s.format()).contains("sysctl net.ipv4.conf.all.arp_ignore 0\n", "vip 10.0.0.1 added\n",
                "vip 2001:db8::1 found\n");
        assertThat(RealServerState.parse(s.format())).isEqualTo(s);
    }

    @Test
    void theFirstValueSeenIsTheOneKept() {
        RealServerState s = RealServerState.empty().withOriginal("k", "0").withOriginal("k", "1");
        assertThat(s.originals()).isEqualTo(Map.of("k", "0"));
    }

    @Test
    void refusesLinesItDidNotWrite() {
        assertThatThrownBy(() -> RealServerState.parse("# x\nsysctl net.ipv4.conf.all.arp_ignore 0\nrm -rf /\n"))
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> RealServerState.parse("vip example.com added\n")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> RealServerState.parse("sysctl ../../etc/passwd 0\n")).hasMessageContaining("line 1");
    }
}
