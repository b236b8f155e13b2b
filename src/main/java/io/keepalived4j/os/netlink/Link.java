package io.keepalived4j.os.netlink;

import java.util.Optional;

/**
 * An interface as RTM_NEWLINK reports it.
 *
 * @param index     ifindex
 * @param name      IFLA_IFNAME
 * @param flags     IFF_* bits ({@link IfInfoMsg#IFF_UP} and friends)
 * @param operState IFLA_OPERSTATE
 * @param mac       IFLA_ADDRESS when it is a 6-byte hardware address
 * @param mtu       IFLA_MTU
 * @param master    IFLA_MASTER (bridge or bond holding it), 0 for none
 * @param linkIndex IFLA_LINK (a macvlan's or veth's parent/peer), 0 for none
 * @param kind      IFLA_INFO_KIND of IFLA_LINKINFO: "veth", "macvlan", "bridge"...
 */
public record Link(int index, String name, int flags, OperState operState, Optional<MacAddress> mac, int mtu,
                   int master, int linkIndex, Optional<String> kind) {

    /** Administratively up (IFF_UP). */
    public boolean up() {
        return (flags & IfInfoMsg.IFF_UP) != 0;
    }

    /** IFF_RUNNING: up with carrier, as the kernel sees it. */
    public boolean running() {
        return (flags & IfInfoMsg.IFF_RUNNING) != 0;
    }

    /** IFF_LOWER_UP: carrier present; what keepalived's link tracking watches to go to FAULT. */
    public boolean lowerUp() {
        return (flags & IfInfoMsg.IFF_LOWER_UP) != 0;
    }
}
