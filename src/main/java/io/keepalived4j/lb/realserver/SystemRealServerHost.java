package io.keepalived4j.lb.realserver;

import io.keepalived4j.os.netlink.AddressSpec;
import io.keepalived4j.os.netlink.InterfaceAddress;
import io.keepalived4j.os.netlink.Link;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.NetworkStack;
import io.keepalived4j.os.netlink.Prefix;
import io.keepalived4j.os.netlink.RtNetlink;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** This host (or the network namespace the process runs in): /proc/sys and rtnetlink. */
public final class SystemRealServerHost implements RealServerHost, AutoCloseable {

    private static final Path PROC_SYS = Path.of("/proc/sys");

    private final NetworkStack netlink;
    private final int loIndex;

    private SystemRealServerHost(NetworkStack netlink, int loIndex) {
        this.netlink = netlink;
        this.loIndex = loIndex;
    }

    public static SystemRealServerHost open() throws IOException {
        NetworkStack netlink = RtNetlink.open();
        try {
            int lo = netlink.link("lo").map(Link::index).orElseThrow(() -> new IOException("no interface lo"));
            return new SystemRealServerHost(netlink, lo);
        } catch (IOException | RuntimeException e) {
            netlink.close();
            throw e;
        }
    }

    @Override
    public String sysctl(String key) throws IOException {
        return Files.readString(knob(key)).strip();
    }

    @Override
    public void setSysctl(String key, String value) throws IOException {
        Files.writeString(knob(key), value);
    }

    // net.ipv4.conf.all.arp_ignore -> /proc/sys/net/ipv4/conf/all/arp_ignore (no interface names with dots here).
    private static Path knob(String key) {
        return PROC_SYS.resolve(key.replace('.', '/'));
    }

    @Override
    public boolean onLoopback(InetAddress address) throws IOException {
        for (InterfaceAddress a : netlink.addresses(loIndex)) {
            if (a.prefix().address().equals(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void addToLoopback(InetAddress address) throws IOException {
        try {
            netlink.addAddress(hostAddress(address));
        } catch (NetlinkException e) {
            if (!e.alreadyExists()) {
                throw e;
            }
        }
    }

    @Override
    public void removeFromLoopback(InetAddress address) throws IOException {
        for (InterfaceAddress a : netlink.addresses(loIndex)) {
            if (a.prefix().address().equals(address)) {
                try {
                    netlink.deleteAddress(AddressSpec.of(a.prefix(), loIndex));
                } catch (NetlinkException e) {
                    if (!e.notFound()) {
                        throw e;
                    }
                }
            }
        }
    }

    // Global scope, as the tutorials' `ip addr add VIP/32 dev lo` gives.
    private AddressSpec hostAddress(InetAddress address) {
        return AddressSpec.of(Prefix.host(address), loIndex);
    }

    @Override
    public void close() {
        netlink.close();
    }
}
