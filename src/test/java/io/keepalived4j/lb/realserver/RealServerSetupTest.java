package io.keepalived4j.lb.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** up is idempotent, down is its inverse, and what was there before is left as it was. */
class RealServerSetupTest {

    private final FakeRealServerHost host = new FakeRealServerHost();
    private final List<RealServerState> saved = new ArrayList<>();
    private final List<String> report = new ArrayList<>();
    private final InetAddress vip = RealServerSetup.parseVip("10.231.7.100");

    private RealServerState up(RealServerState s, InetAddress a) throws Exception {
        return RealServerSetup.up(host, s, a, saved::add, report::add);
    }

    private RealServerState down(RealServerState s, InetAddress a) throws Exception {
        return RealServerSetup.down(host, s, a, saved::add, report::add);
    }

    @Test
    void upPutsTheVipOnLoopbackAndQuietsArp() throws Exception {
        RealServerState s = up(RealServerState.empty(), vip);
        assertThat(host.loopback).containsExactly(vip);
        assertThat(host.sysctls).containsAllEntriesOf(RealServerSetup.ARP_KNOBS);
        assertThat(report).containsExactly("net.ipv4.conf.all.arp_ignore: 0 -> 1", "net.ipv4.conf.all.arp_announce: 0 -> 2",
                "net.ipv4.conf.lo.arp_ignore: 0 -> 1", "net.ipv4.conf.lo.arp_announce: 0 -> 2", "lo: added 10.231.7.100/32");
        assertThat(s.vips()).containsEntry(vip, true);
        // Saved before the host changed, with the values found.
        assertThat(saved).hasSize(1);
        assertThat(saved.getFirst().originals()).containsEntry("net.ipv4.conf.all.arp_ignore", "0");
    }

    @Test
    void upTwiceIsTheSameStateAndChangesNothing() throws Exception {
        RealServerState once = up(RealServerState.empty(), vip);
        Map<String, String> sysctls = new TreeMap<>(host.sysctls);
        int writes = host.writes;
        report.clear();
        RealServerState twice = up(once, vip);
        assertThat(twice).isEqualTo(once);
        assertThat(host.writes).isEqualTo(writes);
        assertThat(host.sysctls).isEqualTo(sysctls);
        assertThat(report).isEmpty();
        assertThat(saved).hasSize(1);
    }

    @Test
    void downRestoresWhatUpFound() throws Exception {
        host.sysctls.put("net.ipv4.conf.lo.arp_ignore", "2");
        Map<String, String> before = new TreeMap<>(host.sysctls);
        RealServerState s = down(up(RealServerState.empty(), vip), vip);
        assertThat(s.isEmpty()).isTrue();
        assertThat(host.loopback).isEmpty();
        assertThat(host.sysctls).isEqualTo(before);
        assertThat(saved.getLast().isEmpty()).isTrue();
        report.clear();
        assertThat(down(s, vip).isEmpty()).isTrue();
        assertThat(report).isEmpty();
    }

    @Test
    void aVipThatWasAlreadyOnLoopbackStaysThereAfterDown() throws Exception {
        host.loopback.add(vip);
        RealServerState s = up(RealServerState.empty(), vip);
        assertThat(s.vips()).containsEntry(vip, false);
        down(s, vip);
        assertThat(host.loopback).containsExactly(vip);
        assertThat(host.sysctls.get("net.ipv4.conf.all.arp_ignore")).isEqualTo("0");
    }

    @Test
    void theSysctlsComeBackOnlyWithTheLastVip() throws Exception {
        InetAddress other = RealServerSetup.parseVip("10.231.7.101");
        RealServerState s = up(up(RealServerState.empty(), vip), other);
        s = down(s, vip);
        assertThat(host.loopback).containsExactly(other);
        assertThat(host.sysctls).containsAllEntriesOf(RealServerSetup.ARP_KNOBS);
        down(s, other);
        assertThat(host.loopback).isEmpty();
        assertThat(host.sysctls.values()).containsOnly("0");
    }

    @Test
    void anIpv6VipGoesOnLoopbackWithoutTouchingTheArpKnobs() throws Exception {
        InetAddress v6 = RealServerSetup.parseVip("2001:db8::100");
        RealServerState s = up(RealServerState.empty(), v6);
        assertThat(host.loopback).containsExactly(v6);
        assertThat(host.sysctls.values()).containsOnly("0");
        assertThat(report).containsExactly("lo: added 2001:db8::100/128");
        down(s, v6);
        assertThat(host.loopback).isEmpty();
    }
}
