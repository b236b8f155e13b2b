package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.engine.VrrpState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up opens everything before the first state change, and undoes what it did on any failure. */
class DaemonStartupTest {

    private static final String WITH_STATICS_AND_VMAC = InProcessNode.config(255, "use_vmac", """
            static_ipaddress {
                192.168.77.1/24 dev eth0
            }
            """);

    @Test
    void aStartThatFailsAfterHalfOfItWasOpenedLeavesNothingBehind() {
        for (String failing : new String[] {"links", "arp", "vrrp", "announcer"}) {
            FakeLan lan = new FakeLan();
            FakeHost host = new FakeHost("lb1", lan).withInterface("eth0", "10.0.0.1/24");
            host.failOpen(failing);
            assertThatThrownBy(() -> VrrpDaemon.start(InProcessNode.load(WITH_STATICS_AND_VMAC), DaemonSettings.defaults(),
                    host, FaultHooks.NONE)).as(failing).isInstanceOf(IOException.class).hasMessageContaining("injected");
            assertThat(host.kernel().addressesOn("eth0")).as("no VIP, no static address after " + failing)
                    .containsExactly("10.0.0.1/24");
            assertThat(host.kernel().linkNames()).as("the VMAC is gone after " + failing).containsExactly("eth0");
            assertThat(host.openChannels()).as("nothing left open after " + failing).isZero();
            assertThat(lan.sentBy("lb1")).as("no state change happened, so nothing was sent").isEmpty();
        }
    }

    @Test
    void anOwnerStartsAsMasterOnItsVmacAndRemovesItAtStop() throws Exception {
        FakeLan lan = new FakeLan();
        try (InProcessNode a = new InProcessNode(lan, "lb1", "10.0.0.1/24", WITH_STATICS_AND_VMAC, FaultHooks.NONE)) {
            a.awaitState(VrrpState.MASTER, Duration.ofSeconds(2));
            assertThat(a.host.kernel().linkNames()).containsExactly("eth0", "vrrp.51");
            assertThat(a.host.kernel().addressesOn("vrrp.51")).containsExactly("10.0.0.100/24");
            assertThat(a.host.kernel().addressesOn("eth0")).contains("192.168.77.1/24");
            assertThat(a.host.sysctls()).containsEntry("net/ipv4/conf/vrrp.51/arp_ignore", "1");
            a.daemon.stop();
            assertThat(a.host.kernel().linkNames()).containsExactly("eth0");
            assertThat(a.host.kernel().addressesOn("eth0")).containsExactly("10.0.0.1/24");
        }
    }

    @Test
    void anInterfaceWithTheVmacsNameThatIsNotOursIsLeftAloneAndTheNextNameIsTaken() throws Exception {
        FakeLan lan = new FakeLan();
        FakeHost host = new FakeHost("lb1", lan).withInterface("eth0", "10.0.0.1/24");
        host.kernel().addInterface("vrrp.51", 0x02_00_00_00_00_99L); // someone else's interface
        VrrpDaemon d = VrrpDaemon.start(InProcessNode.load(WITH_STATICS_AND_VMAC), DaemonSettings.defaults(), host,
                FaultHooks.NONE);
        try {
            InProcessNode.await(() -> d.status().getFirst().state() == VrrpState.MASTER
                    && !host.kernel().addressesOn("vrrp1.51").isEmpty(), Duration.ofSeconds(2), "master with its VIP");
            assertThat(host.kernel().linkNames()).containsExactly("eth0", "vrrp.51", "vrrp1.51");
            assertThat(host.kernel().addressesOn("vrrp1.51")).containsExactly("10.0.0.100/24");
        } finally {
            d.stop();
        }
        assertThat(host.kernel().linkNames()).as("only our macvlan was deleted").containsExactly("eth0", "vrrp.51");
    }
}
