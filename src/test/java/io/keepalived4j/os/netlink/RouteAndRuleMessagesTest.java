package io.keepalived4j.os.netlink;

import static io.keepalived4j.os.netlink.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouteAndRuleMessagesTest {

    @BeforeEach
    void littleEndian() {
        Bytes.assumeLittleEndian();
    }

    @Test
    void gatewayRouteInTable100WithMetricIsUniverseScopeBootProto() throws Exception {
        RouteSpec r = RouteSpec.to(Prefix.parse("198.51.100.0/24")).via(InetAddress.getByName("192.0.2.1"))
                .dev(3).table(100).metric(5);

        assertThat(hex(RouteMessages.add(r).encode(3))).isEqualTo(hex(hex("""
                44 00 00 00  18 00  05 06  03 00 00 00  00 00 00 00
                02 18 00 00  64 03 00 01  00 00 00 00
                08 00 01 00  c6 33 64 00
                08 00 05 00  c0 00 02 01
                08 00 04 00  03 00 00 00
                08 00 06 00  05 00 00 00
                08 00 0f 00  64 00 00 00
                """)));
    }

    @Test
    void deviceRouteIsLinkScopeAndDeleteMatchesAnyScopeAndProto() {
        RouteSpec r = RouteSpec.to(Prefix.parse("203.0.113.0/24")).dev(3);

        assertThat(hex(RouteMessages.add(r).encode(1))).contains("02 18 00 00 fe 03 fd 01");
        assertThat(hex(RouteMessages.delete(r).encode(1))).startsWith("34 00 00 00 19 00 05 00")
                .contains("02 18 00 00 fe 00 ff 01");
    }

    @Test
    void blackholeDefaultHasNoDestinationAttributeAndBigTableGoesInRtaTableOnly() {
        RouteSpec r = RouteSpec.to(Prefix.defaultRoute(AddressFamily.AF_INET6)).type(RouteType.BLACKHOLE).table(1000);

        assertThat(hex(RouteMessages.add(r).encode(1))).isEqualTo(hex(hex("""
                24 00 00 00  18 00  05 06  01 00 00 00  00 00 00 00
                0a 00 00 00  00 03 00 06  00 00 00 00
                08 00 0f 00  e8 03 00 00
                """)));
    }

    @Test
    void ruleFromPrefixWithPreferenceLooksUpTable() {
        RuleSpec rule = RuleSpec.lookup(AddressFamily.AF_INET, 100).from(Prefix.parse("192.0.2.0/24")).priority(1000);

        assertThat(hex(RuleMessages.add(rule).encode(4))).isEqualTo(hex(hex("""
                34 00 00 00  20 00  05 06  04 00 00 00  00 00 00 00
                02 00 18 00  64 00 00 01  00 00 00 00
                08 00 02 00  c0 00 02 00
                08 00 06 00  e8 03 00 00
                08 00 0f 00  64 00 00 00
                """)));
    }

    @Test
    void ipv6RuleToPrefixSetsDstLength() {
        RuleSpec rule = RuleSpec.lookup(AddressFamily.AF_INET6, 200).to(Prefix.parse("2001:db8::/32"));

        assertThat(hex(RuleMessages.delete(rule).encode(1))).startsWith("38 00 00 00 21 00 05 00")
                .contains("0a 20 00 00 c8 00 00 01")
                .contains("14 00 01 00 20 01 0d b8");
    }

    @Test
    void mixedFamiliesAreRejected() throws Exception {
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        assertThatThrownBy(() -> RouteSpec.to(Prefix.parse("192.0.2.0/24")).via(v6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleSpec.lookup(AddressFamily.AF_INET, 1).from(Prefix.parse("2001:db8::/32")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
