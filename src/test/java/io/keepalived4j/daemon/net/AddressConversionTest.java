package io.keepalived4j.daemon.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.os.netlink.AddressSpec;
import io.keepalived4j.os.netlink.IfAddrMsg;
import io.keepalived4j.os.netlink.Prefix;
import io.keepalived4j.os.netlink.RtScope;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressConversionTest {

    private static final InterfaceIndex INDEX = InterfaceIndex.of(Map.of("eth0", 2, "eth1", 3));

    private static List<VirtualAddress> vips(String lines) {
        return Configs.instance(" virtual_ipaddress {\n" + lines + "\n }").virtualAddresses();
    }

    private static AddressSpec ok(VirtualAddress va) {
        Conversion<AddressSpec> c = AddressConversion.toSpec(va, "eth0", INDEX);
        assertThat(c).isInstanceOf(Conversion.Ok.class);
        return ((Conversion.Ok<AddressSpec>) c).value();
    }

    private static String failed(VirtualAddress va) {
        Conversion<AddressSpec> c = AddressConversion.toSpec(va, "eth0", INDEX);
        assertThat(c).isInstanceOf(Conversion.Failed.class);
        return ((Conversion.Failed<AddressSpec>) c).error();
    }

    @Test
    void bareIpv4IsAHostAddressOnTheInstanceInterface() throws Exception {
        AddressSpec s = ok(vips("10.0.0.1").getFirst());
        assertThat(s).isEqualTo(AddressSpec.of(Prefix.parse("10.0.0.1/32"), 2));
    }

    @Test
    void brdLabelScopeAndDevAreApplied() throws Exception {
        List<VirtualAddress> v = vips("10.0.0.1/24 brd + label eth1:v scope link dev eth1\n"
                + "10.0.0.2/24 brd 10.0.0.127\n10.0.0.3/24 brd -\n10.0.0.4 scope 200");
        AddressSpec first = ok(v.get(0));
        assertThat(first.ifindex()).isEqualTo(3);
        assertThat(first.broadcast()).contains(InetAddress.getByName("10.0.0.255"));
        assertThat(first.label()).contains("eth1:v");
        assertThat(first.scope()).isEqualTo(RtScope.LINK);
        assertThat(ok(v.get(1)).broadcast()).contains(InetAddress.getByName("10.0.0.127"));
        assertThat(ok(v.get(2)).broadcast()).isEmpty();
        assertThat(ok(v.get(3)).scope()).isEqualTo(RtScope.SITE);
    }

    @Test
    void ipv6VipsGetNodadAndA128IsDeprecatedUnlessPreferredForever() {
        VrrpInstance i = Configs.instance(" virtual_ipaddress {\n 2001:db8::1\n 2001:db8::2/64\n"
                + " 2001:db8::3 preferred_lft forever\n }");
        AddressSpec host = ok(i.virtualAddresses().get(0));
        AddressSpec net = ok(i.virtualAddresses().get(1));
        AddressSpec forever = ok(i.virtualAddresses().get(2));
        assertThat(host.nodad()).isTrue();
        assertThat(host.prefix().length()).isEqualTo(128);
        assertThat(host.preferredLifetime()).isZero();
        assertThat(net.nodad()).isTrue();
        assertThat(net.preferredLifetime()).isEqualTo(AddressSpec.FOREVER);
        assertThat(forever.preferredLifetime()).isEqualTo(AddressSpec.FOREVER);
    }

    @Test
    void flagOptionsSetTheirIfaFlagsAndTrackingOptionsChangeNothing() throws Exception {
        List<VirtualAddress> v = vips("10.0.0.1 home -nodad noprefixroute\n10.0.0.2 no_track\n10.0.0.3 peer 10.0.0.9");
        assertThat(ok(v.get(0)).flags()).isEqualTo(
                IfAddrMsg.IFA_F_HOMEADDRESS | IfAddrMsg.IFA_F_NODAD | IfAddrMsg.IFA_F_NOPREFIXROUTE);
        assertThat(ok(v.get(1))).isEqualTo(AddressSpec.of(Prefix.parse("10.0.0.2/32"), 2));
        assertThat(ok(v.get(2)).peer()).contains(InetAddress.getByName("10.0.0.9"));
    }

    @Test
    void unknownInterfaceIsAnErrorNamingTheLine() {
        String e = failed(vips("10.0.0.1 dev eth7").getFirst());
        assertThat(e).startsWith("t.conf:5").contains("10.0.0.1/32 dev eth7").contains("unknown interface eth7");
    }

    @Test
    void ipv4OnlyOptionsOnIpv6AreErrors() {
        VrrpInstance i = Configs.instance(" virtual_ipaddress {\n 2001:db8::1 label eth0:x\n 2001:db8::2 brd +\n }");
        assertThat(failed(i.virtualAddresses().get(0))).contains("'label' is IPv4 only");
        assertThat(failed(i.virtualAddresses().get(1))).contains("'brd' is IPv4 only");
    }

    @Test
    void badScopeIsAnErrorNotAnException() {
        assertThat(failed(vips("10.0.0.1 scope galaxy").getFirst())).contains("10.0.0.1/32 scope galaxy");
    }
}
