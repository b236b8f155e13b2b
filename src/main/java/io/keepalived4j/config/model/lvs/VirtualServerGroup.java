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

        /** How many addresses the range spans (0 when last is below first). */
        public long size() {
            java.math.BigInteger n = new java.math.BigInteger(1, last.getAddress())
                    .subtract(new java.math.BigInteger(1, first.getAddress())).add(java.math.BigInteger.ONE);
            return n.signum() <= 0 ? 0 : n.min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        }

        /** The addresses of the range in order, at most {@code limit} of them. */
        public List<InetAddress> addresses(int limit) {
            java.math.BigInteger at = new java.math.BigInteger(1, first.getAddress());
            int length = first.getAddress().length;
            long n = Math.min(size(), limit);
            List<InetAddress> out = new java.util.ArrayList<>((int) n);
            for (long i = 0; i < n; i++, at = at.add(java.math.BigInteger.ONE)) {
                byte[] raw = at.toByteArray();
                byte[] address = new byte[length];
                int copy = Math.min(raw.length, length);
                System.arraycopy(raw, raw.length - copy, address, length - copy, copy);
                try {
                    out.add(InetAddress.getByAddress(address));
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException("a " + length + "-byte address", e);
                }
            }
            return out;
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
