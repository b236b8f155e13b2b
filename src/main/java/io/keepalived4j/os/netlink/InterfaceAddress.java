package io.keepalived4j.os.netlink;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An address as the kernel reports it (RTM_NEWADDR in a dump or a notification).
 *
 * @param ifindex   its interface
 * @param prefix    the local address and prefix length
 * @param scope     {@link RtScope} value
 * @param flags     IFA_F_* bits (from IFA_FLAGS when present, which carries all 32)
 * @param broadcast IFA_BROADCAST, if any
 * @param label     IFA_LABEL (IPv4 only; the interface name when none was set)
 */
public record InterfaceAddress(int ifindex, Prefix prefix, int scope, int flags, Optional<InetAddress> broadcast,
                               Optional<String> label) {

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public int family() {
        return prefix.family();
    }
}
