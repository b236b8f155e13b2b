package io.keepalived4j.config.model.lvs;

import io.keepalived4j.config.model.IpText;
import io.keepalived4j.config.Position;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * {@code virtual_server_group NAME { IP [PORT]; IP-RANGE [PORT]; IP/LEN [PORT]; fwmark N [inet|inet6] }}.
 *
 * @param name     the group name, referenced by {@code virtual_server group NAME}
 * @param entries  the entries keepalived accepted, in order
 * @param position where the group starts
 */
public record VirtualServerGroup(String name, List<Entry> entries, Position position) {

    public VirtualServerGroup {
        entries = List.copyOf(entries);
    }

    /** One line of the group. */
    public sealed interface Entry {
        /** keepalived's {@code format_vsge()} text: {@code 10.0.0.1,80}, {@code 10.0.0.2-10.0.0.5,80}, {@code FWM 7}. */
        String describe();
    }

    /**
     * Addresses {@code first..last} (equal for a single address) on {@code port} (0: none).
     * {@code 10.0.0.2-5} and {@code 10.0.1.0/30} are both stored as ranges.
     */
    public record AddressRange(InetAddress first, InetAddress last, int port) implements Entry {
        public IpFamily family() {
            return IpFamily.of(first);
        }

        @Override
        public String describe() {
            String range = first.equals(last) ? IpText.of(first) : IpText.of(first) + "-" + IpText.of(last);
            return range + "," + port;
        }
    }

    /** {@code fwmark N [inet|inet6]}. */
    public record FwmarkEntry(long mark, Optional<IpFamily> family) implements Entry {
        @Override
        public String describe() {
            return "FWM " + mark;
        }
    }

    public List<AddressRange> addressRanges() {
        return entries.stream().filter(AddressRange.class::isInstance).map(AddressRange.class::cast).toList();
    }

    /** keepalived's have_ipv4: an IPv4 range or an {@code inet} fwmark. */
    public boolean hasIpv4() {
        return hasFamily(IpFamily.INET);
    }

    /** keepalived's have_ipv6: an IPv6 range or an {@code inet6} fwmark. */
    public boolean hasIpv6() {
        return hasFamily(IpFamily.INET6);
    }

    /** keepalived's fwmark_no_family. */
    public boolean hasFwmarkWithoutFamily() {
        return fwmarks().stream().anyMatch(f -> f.family().isEmpty());
    }

    private boolean hasFamily(IpFamily family) {
        return addressRanges().stream().anyMatch(r -> r.family() == family)
                || fwmarks().stream().anyMatch(f -> f.family().filter(x -> x == family).isPresent());
    }

    public List<FwmarkEntry> fwmarks() {
        return entries.stream().filter(FwmarkEntry.class::isInstance).map(FwmarkEntry.class::cast).toList();
    }
}
