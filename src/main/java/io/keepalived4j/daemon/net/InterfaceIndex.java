package io.keepalived4j.daemon.net;

import io.keepalived4j.os.netlink.Link;
import io.keepalived4j.os.netlink.NetlinkException;
import io.keepalived4j.os.netlink.NetworkStack;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Resolves an interface name ({@code dev eth1}) to its ifindex, which is what rtnetlink takes.
 * A function interface so that the converters can be unit-tested with a fake table.
 *
 * <pre>{@code
 * InterfaceIndex fake = InterfaceIndex.of(Map.of("eth0", 2, "eth1", 3));
 * InterfaceIndex real = InterfaceIndex.live(rt).memoized();   // one link dump per name
 * }</pre>
 */
@FunctionalInterface
public interface InterfaceIndex {

    /** The ifindex of {@code name}, empty when there is no such interface (now). */
    OptionalInt indexOf(String name);

    /** A fixed table, for tests and for a snapshot taken once. */
    static InterfaceIndex of(Map<String, Integer> table) {
        Map<String, Integer> copy = Map.copyOf(table);
        return name -> copy.containsKey(name) ? OptionalInt.of(copy.get(name)) : OptionalInt.empty();
    }

    /**
     * Asks the kernel each time (a link dump); interfaces that appear later, such as a VMAC
     * macvlan, are found. A dump that fails counts as "no such interface".
     */
    static InterfaceIndex live(NetworkStack rt) {
        return name -> {
            try {
                return rt.link(name).map(Link::index).map(OptionalInt::of).orElse(OptionalInt.empty());
            } catch (NetlinkException e) {
                return OptionalInt.empty();
            }
        };
    }

    /** Remembers answers, so one add/remove pass does one lookup per name, not one per address. */
    default InterfaceIndex memoized() {
        Map<String, OptionalInt> seen = new HashMap<>();
        return name -> seen.computeIfAbsent(name, this::indexOf);
    }
}
