package io.keepalived4j.os.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RtNetlinkRouteTest {

    @Test
    void gatewayRouteInATableWithMetricIsAddedAndDeleted() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlroute")) {
            int eth1 = withAddress(f, "eth1", "192.0.2.1/24");
            RouteSpec route = RouteSpec.to(Prefix.parse("198.51.100.0/24"))
                    .via(InetAddress.getByName("192.0.2.254")).dev(eth1).table(100).metric(5);

            f.rt.addRoute(route);

            assertThat(f.ip("route", "show", "table", "100").strip())
                    .isEqualTo("198.51.100.0/24 via 192.0.2.254 dev eth1 metric 5");
            NetlinkException twice = catchThrowableOfType(NetlinkException.class, () -> f.rt.addRoute(route));
            assertThat(twice.alreadyExists()).isTrue();

            f.rt.deleteRoute(route);

            assertThat(f.ip("route", "show", "table", "100")).isEmpty();
            NetlinkException missing = catchThrowableOfType(NetlinkException.class, () -> f.rt.deleteRoute(route));
            assertThat(missing.errno()).isEqualTo(NetlinkException.ESRCH);
            assertThat(missing.notFound()).isTrue();
        }
    }

    @Test
    void defaultRouteDeviceRouteWithSrcScopeAndProto() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlroute")) {
            int eth1 = withAddress(f, "eth1", "192.0.2.1/24");
            RouteSpec dflt = RouteSpec.to(Prefix.parse("default")).via(InetAddress.getByName("192.0.2.254")).table(101);
            RouteSpec onLink = RouteSpec.to(Prefix.parse("203.0.113.0/24")).dev(eth1)
                    .src(InetAddress.getByName("192.0.2.1")).table(101).protocol(18).scope(RtScope.parse("link"));

            f.rt.addRoute(dflt);
            f.rt.addRoute(onLink);

            assertThat(f.ip("route", "show", "table", "101").lines()).containsExactlyInAnyOrder(
                    "default via 192.0.2.254 dev eth1 ",
                    "203.0.113.0/24 dev eth1 proto keepalived scope link src 192.0.2.1 ");

            f.rt.deleteRoute(dflt);
            f.rt.deleteRoute(onLink);
            assertThat(f.ip("route", "show", "table", "101")).isEmpty();
        }
    }

    @Test
    void blackholeAndUnreachableIpv6RoutesNeedNoDevice() throws Exception {
        try (NamespaceFixture f = NamespaceFixture.create("nlroute")) {
            RouteSpec blackhole = RouteSpec.to(Prefix.parse("198.51.100.128/25")).type(RouteType.BLACKHOLE).table(1000);
            RouteSpec unreachable = RouteSpec.to(Prefix.parse("2001:db8:99::/48")).type(RouteType.UNREACHABLE)
                    .table(1000).metric(1024);

            f.rt.addRoute(blackhole);
            f.rt.addRoute(unreachable);

            assertThat(f.ip("-4", "route", "show", "table", "1000").strip()).isEqualTo("blackhole 198.51.100.128/25");
            assertThat(f.ip("-6", "route", "show", "table", "1000")).contains("unreachable 2001:db8:99::/48 dev lo metric 1024");

            f.rt.deleteRoute(blackhole);
            f.rt.deleteRoute(unreachable);
            assertThat(f.ip("-4", "route", "show", "table", "1000")).isEmpty();
            assertThat(f.ip("-6", "route", "show", "table", "1000")).isEmpty();
        }
    }

    private static int withAddress(NamespaceFixture f, String dev, String cidr) {
        f.ip("addr", "add", cidr, "dev", dev);
        return f.ifindex(dev);
    }
}
