package io.keepalived4j.config.model.lvs;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** A virtual_server_group range, expanded once for both data planes (the proxy's listeners, IPVS's services). */
class AddressRangeTest {

    @Test
    void rangesExpandInOrderAcrossOctetsAndStopAtTheLimit() {
        var r = new VirtualServerGroup.AddressRange(InetAddress.ofLiteral("10.0.0.254"), InetAddress.ofLiteral("10.0.1.1"), 80);
        assertThat(r.size()).isEqualTo(4);
        assertThat(r.addresses(10)).extracting(InetAddress::getHostAddress)
                .containsExactly("10.0.0.254", "10.0.0.255", "10.0.1.0", "10.0.1.1");
        assertThat(r.addresses(2)).hasSize(2);
        var v6 = new VirtualServerGroup.AddressRange(InetAddress.ofLiteral("2001:db8::ffff"), InetAddress.ofLiteral("2001:db8::1:0"), 443);
        assertThat(v6.addresses(10)).extracting(InetAddress::getHostAddress)
                .containsExactly("2001:db8:0:0:0:0:0:ffff", "2001:db8:0:0:0:0:1:0");
        var backwards = new VirtualServerGroup.AddressRange(InetAddress.ofLiteral("10.0.0.5"), InetAddress.ofLiteral("10.0.0.1"), 80);
        assertThat(backwards.size()).isZero();
        assertThat(backwards.addresses(10)).isEmpty();
    }
}
