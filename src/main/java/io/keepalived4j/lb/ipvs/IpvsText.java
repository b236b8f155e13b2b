package io.keepalived4j.lb.ipvs;

import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsServiceKey;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Services, destinations and commands as log lines and errors name them (ipvsadm's notation). */
public final class IpvsText {

    private IpvsText() {
    }

    public static String of(IpvsServiceKey key) {
        return switch (key) {
            case IpvsServiceKey.Endpoint e -> e.protocol().name() + " " + endpoint(e.address(), e.port());
            case IpvsServiceKey.Fwmark f -> "FWM " + Integer.toUnsignedString(f.mark())
                    + (f.family() == io.keepalived4j.os.netlink.AddressFamily.AF_INET6 ? " IPv6" : "");
        };
    }

    public static String of(IpvsDestination d) {
        return endpoint(d.address(), d.port());
    }

    public static String of(IpvsCommand c) {
        return switch (c) {
            case IpvsCommand.NewService s -> "add service " + of(s.service().key());
            case IpvsCommand.SetService s -> "edit service " + of(s.service().key());
            case IpvsCommand.DeleteService s -> "delete service " + of(s.service().key());
            case IpvsCommand.NewDestination d -> "add destination " + of(d.destination()) + " weight "
                    + d.destination().weight() + " to " + of(d.service().key());
            case IpvsCommand.SetDestination d -> "set destination " + of(d.destination()) + " weight "
                    + d.destination().weight() + " in " + of(d.service().key());
            case IpvsCommand.DeleteDestination d -> "delete destination " + of(d.destination()) + " from "
                    + of(d.service().key());
        };
    }

    /** {@code 10.0.0.1:80}, {@code [2001:db8::1]:80}: the address in its short form, without a scope. */
    public static String endpoint(InetAddress a, int port) {
        String text = io.keepalived4j.config.model.IpText.of(a);
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return (a instanceof Inet6Address ? "[" + text + "]" : text) + ":" + port;
    }
}
