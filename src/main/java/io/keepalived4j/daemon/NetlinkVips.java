package io.keepalived4j.daemon;

import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.os.NetworkInterfaces;
import io.keepalived4j.os.NativeException;
import io.keepalived4j.os.netlink.AddressSpec;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.Prefix;
import io.keepalived4j.os.netlink.RtNetlink;
import io.keepalived4j.os.netlink.RtScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * One instance's VIPs on the host through rtnetlink: added when it becomes MASTER, removed when
 * it leaves MASTER, at stop, and at start (what a crashed run left behind). An address that is
 * already there (or already gone) is not an error; any other failure costs a log line, never the
 * other addresses.
 */
final class NetlinkVips implements InstanceIo.Vips {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private final String instance;
    private final RtNetlink netlink;
    private final List<AddressSpec> specs;

    NetlinkVips(String instance, RtNetlink netlink, List<AddressSpec> specs) {
        this.instance = instance;
        this.netlink = netlink;
        this.specs = List.copyOf(specs);
    }

    /** virtual_ipaddress and virtual_ipaddress_excluded lines as address specs. */
    static List<AddressSpec> specs(List<VirtualAddress> addresses, String defaultInterface) throws NativeException {
        List<AddressSpec> out = new ArrayList<>();
        for (VirtualAddress a : addresses) {
            String dev = a.device().isEmpty() ? defaultInterface : a.device();
            AddressSpec s = AddressSpec.of(new Prefix(a.address(), a.prefixLength()), NetworkInterfaces.index(dev));
            if (!a.label().isEmpty()) {
                s = s.withLabel(a.label());
            }
            if (!a.scope().isEmpty()) {
                s = s.withScope(RtScope.parse(a.scope()));
            }
            if (a.broadcast().equals("+")) {
                s = s.withBroadcastPlus();
            } else if (!a.broadcast().isEmpty() && !a.broadcast().equals("-")) {
                s = s.withBroadcast(java.net.InetAddress.ofLiteral(a.broadcast()));
            }
            // keepalived adds IPv6 VIPs without duplicate address detection: the VIP must answer at once.
            out.add(a.isIpv6() && !a.options().contains("-nodad") ? s.withNodad(true) : s);
        }
        return out;
    }

    @Override
    public void add() {
        for (AddressSpec s : specs) {
            try {
                netlink.addAddress(s);
            } catch (NetlinkException e) {
                if (!e.alreadyExists()) {
                    LOG.error("({}) cannot add {}: {}", instance, s, e.getMessage());
                }
            }
        }
    }

    @Override
    public void remove() {
        for (AddressSpec s : specs) {
            try {
                netlink.deleteAddress(s);
            } catch (NetlinkException e) {
                if (!e.notFound()) {
                    LOG.error("({}) cannot remove {}: {}", instance, s, e.getMessage());
                }
            }
        }
    }
}
