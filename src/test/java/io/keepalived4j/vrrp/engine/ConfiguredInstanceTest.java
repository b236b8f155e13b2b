package io.keepalived4j.vrrp.engine;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.syntax.Limits;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ConfiguredInstanceTest {

    private static VrrpInstance load(String body) {
        return ConfigLoader.loadText("t.conf", "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n" + body
                        + "\n virtual_ipaddress {\n  10.231.0.100/24\n }\n}\n", new LoadOptions("t", Limits.DEFAULT, 0))
                .model().vrrp().instances().getFirst();
    }

    @Test
    void configuredValuesReachTheStateMachine() throws Exception {
        InstanceParameters p = ConfiguredInstance.parameters(load(" priority 150\n version 3\n advert_int 0.5\n nopreempt\n"
                + " garp_master_delay 2\n garp_master_repeat 3\n lower_prio_no_advert"), InetAddress.getByName("10.231.0.11"));
        assertThat(p.name()).isEqualTo("VI_1");
        assertThat(p.vrid()).isEqualTo(51);
        assertThat(p.priority()).isEqualTo(150);
        assertThat(p.version()).isEqualTo(3);
        assertThat(p.advertIntervalCentis()).isEqualTo(50);
        assertThat(p.preempt()).isFalse();
        assertThat(p.garpMasterDelayMicros()).isEqualTo(2_000_000);
        assertThat(p.garpMasterRepeat()).isEqualTo(3);
        assertThat(p.lowerPrioNoAdvert()).isTrue();
        assertThat(p.primaryAddress()).isEqualTo(InetAddress.getByName("10.231.0.11"));
    }

    @Test
    void stateMasterWithoutPriorityIsTheOwnerAndMcastSourceIsTheTieBreakAddress() throws Exception {
        InstanceParameters p = ConfiguredInstance.parameters(load(" state MASTER\n mcast_src_ip 10.231.0.12"),
                InetAddress.getByName("10.231.0.11"));
        assertThat(p.isAddressOwner()).isTrue();
        assertThat(p.primaryAddress()).isEqualTo(InetAddress.getByName("10.231.0.12"));
    }
}
