package io.keepalived4j.daemon.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.model.StaticRoute;
import io.keepalived4j.os.netlink.AddressFamily;
import io.keepalived4j.os.netlink.Prefix;
import io.keepalived4j.os.netlink.RouteSpec;
import io.keepalived4j.os.netlink.RouteType;
import io.keepalived4j.os.netlink.RtMsg;
import io.keepalived4j.os.netlink.RtScope;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteConversionTest {

    private static final InterfaceIndex INDEX = InterfaceIndex.of(Map.of("eth0", 2, "eth1", 3));

    private static List<StaticRoute> routes(String lines) {
        return Configs.instance(" virtual_routes {\n" + lines + "\n }").virtualRoutes();
    }

    private static RouteSpec ok(StaticRoute r) {
        Conversion<RouteSpec> c = RouteConversion.toSpec(r, INDEX);
        assertThat(c).as(c.toString()).isInstanceOf(Conversion.Ok.class);
        return ((Conversion.Ok<RouteSpec>) c).value();
    }

    private static String failed(StaticRoute r) {
        Conversion<RouteSpec> c = RouteConversion.toSpec(r, INDEX);
        assertThat(c).isInstanceOf(Conversion.Failed.class);
        return ((Conversion.Failed<RouteSpec>) c).error();
    }

    @Test
    void viaDevTableIsAKeepalivedProtoRoute() throws Exception {
        RouteSpec r = ok(routes("10.9.0.0/16 via 10.231.0.254 dev eth0 table 100").getFirst());
        assertThat(r).isEqualTo(RouteSpec.to(Prefix.parse("10.9.0.0/16")).via(InetAddress.getByName("10.231.0.254"))
                .dev(2).table(100).protocol(RouteWords.RTPROT_KEEPALIVED));
    }

    @Test
    void defaultSrcMetricScopeProtoAndGw() throws Exception {
        List<StaticRoute> rs = routes("default via 10.0.0.1\nsrc 10.0.0.5 10.8.0.0/24 dev eth1 metric 7 scope link proto static\n"
                + "default via 2001:db8::1 dev eth0\n10.7.0.1 gw 10.0.0.1 table main");
        RouteSpec dflt = ok(rs.get(0));
        assertThat(dflt.destination()).isEqualTo(Prefix.defaultRoute(AddressFamily.AF_INET));
        assertThat(dflt.table()).isEqualTo(RtMsg.RT_TABLE_MAIN);
        RouteSpec full = ok(rs.get(1));
        assertThat(full.src()).contains(InetAddress.getByName("10.0.0.5"));
        assertThat(full.ifindex()).isEqualTo(3);
        assertThat(full.metric()).isEqualTo(7);
        assertThat(full.scope()).isEqualTo(RtScope.LINK);
        assertThat(full.protocol()).isEqualTo(4);
        assertThat(ok(rs.get(2)).destination()).isEqualTo(Prefix.defaultRoute(AddressFamily.AF_INET6));
        RouteSpec host = ok(rs.get(3));
        assertThat(host.destination()).isEqualTo(Prefix.parse("10.7.0.1/32"));
        assertThat(host.via()).contains(InetAddress.getByName("10.0.0.1"));
    }

    @Test
    void blackholeLikeTypesNeedNoGateway() throws Exception {
        List<StaticRoute> rs = routes("blackhole 10.6.0.0/16\nunreachable 10.5.0.0/16 table 200\nprohibit 2001:db8:9::/48");
        assertThat(ok(rs.get(0)).type()).isEqualTo(RouteType.BLACKHOLE);
        assertThat(ok(rs.get(1))).extracting(RouteSpec::type, RouteSpec::table).containsExactly(RouteType.UNREACHABLE, 200);
        assertThat(ok(rs.get(2)).destination()).isEqualTo(Prefix.parse("2001:db8:9::/48"));
    }

    @Test
    void unsupportedFormsNameTheLineAndWord() {
        List<StaticRoute> rs = routes("10.4.0.0/16 via 10.0.0.1 dev eth0 mtu 1400\n10.3.0.0/16 nexthop via 10.0.0.1 dev eth0\n"
                + "10.2.0.0/16 via 10.0.0.1 dev eth9\n10.1.0.0/16 metric lots dev eth0");
        assertThat(failed(rs.get(0))).isEqualTo(
                "t.conf:5:1: route '10.4.0.0/16 via 10.0.0.1 dev eth0 mtu 1400': unsupported 'mtu' at word 6");
        assertThat(failed(rs.get(1))).startsWith("t.conf:6:1: ").contains("unsupported 'nexthop' at word 2");
        assertThat(failed(rs.get(2))).startsWith("t.conf:7:1: ").contains("unknown interface eth9");
        assertThat(failed(rs.get(3))).startsWith("t.conf:8:1: ").contains("bad metric 'lots' at word 3");
    }

    @Test
    void aUnicastRouteWithoutGatewayOrDeviceIsRefused() {
        assertThat(failed(routes("10.1.0.0/16 table 5 no_track").getFirst())).contains("needs 'via' or 'dev'");
    }
}
