package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.IpFamily;
import io.keepalived4j.config.model.lvs.VirtualServerGroup;
import io.keepalived4j.config.model.lvs.VirtualServerGroup.AddressRange;
import io.keepalived4j.config.model.lvs.VirtualServerGroup.Entry;
import io.keepalived4j.config.model.lvs.VirtualServerGroup.FwmarkEntry;
import io.keepalived4j.config.syntax.Node;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code virtual_server_group NAME { ... }}: keepalived's {@code alloc_vsg_entry()} per line.
 * Lines are {@code IP [PORT]}, {@code IP-END [PORT]} (END is the last IPv4 octet in decimal or
 * the last IPv6 group in hex), {@code IP-IP [PORT]}, {@code IP/LEN [PORT]} and
 * {@code fwmark N [inet|inet6]}. Bad lines are skipped; a group left empty, or mixing IPv4, IPv6
 * and family-less fwmarks, is removed.
 */
final class VirtualServerGroupBuilder {

    private final BuildReport report;

    VirtualServerGroupBuilder(BuildReport report) {
        this.report = report;
    }

    Optional<VirtualServerGroup> build(Node block) {
        if (!report.require(block, 1)) {
            return Optional.empty();
        }
        String name = block.arg(0);
        List<Entry> entries = new ArrayList<>();
        for (Node line : CheckerCommon.children(block)) {
            Optional<? extends Entry> e = line.keyword().equals("fwmark") ? fwmark(name, line) : addresses(line);
            e.ifPresent(entries::add);
        }
        VirtualServerGroup group = new VirtualServerGroup(name, entries, block.position());
        if (entries.isEmpty()) {
            report.error(block, "vsg-empty", "virtual server group " + name + " has no entries - removing",
                    "add addresses (IP PORT) or fwmark N lines");
            return Optional.empty();
        }
        if (group.hasIpv4() && group.hasIpv6() && group.hasFwmarkWithoutFamily()) {
            report.error(block, "vsg-mixed", "virtual server group " + name
                    + " cannot have IPv4, IPv6 and fwmark without family - removing", "write: fwmark N inet|inet6");
            return Optional.empty();
        }
        return Optional.of(group);
    }

    private Optional<FwmarkEntry> fwmark(String group, Node line) {
        if (!report.require(line, 1)) {
            return Optional.empty();
        }
        KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(line.arg(0), 0, KeepalivedNumbers.UINT_MAX);
        if (!r.accepted()) {
            report.error(line, "vsg-fwmark", "(" + group + "): fwmark '" + line.arg(0) + "' must be in [0, "
                    + KeepalivedNumbers.UINT_MAX + "] - ignoring", r.problem());
            return Optional.empty();
        }
        Optional<IpFamily> family = Optional.empty();
        if (line.argCount() > 1) {
            family = IpFamily.parse(line.arg(1));
            if (family.isEmpty()) {
                report.error(line, "vsg-fwmark", "(" + group + "): fwmark '" + r.value() + "' family " + line.arg(1)
                        + " unknown - ignoring", "use inet or inet6");
                return Optional.empty();
            }
        }
        return Optional.of(new FwmarkEntry(r.value(), family));
    }

    private Optional<AddressRange> addresses(Node line) {
        String text = line.keyword();
        String port = line.argCount() > 0 ? line.arg(0) : null;
        LvsAddresses.SocketAddress start = LvsAddresses.socket(text, port);
        if (!start.ok()) {
            String p = port == null || port.chars().allMatch(c -> c == '0') ? "" : "/port/" + port;
            report.error(line, "vsg-address", "Invalid virtual server group IP address " + text + " " + p + " - skipping",
                    start.problem());
            return Optional.empty();
        }
        InetAddress first = start.address();
        int slash = text.indexOf('/');
        int dash = text.indexOf('-');
        if (slash >= 0) {
            return prefix(line, text, first, text.substring(slash + 1), start.port());
        }
        if (dash < 0) {
            return Optional.of(new AddressRange(first, first, start.port()));
        }
        String end = text.substring(dash + 1);
        boolean v6 = IpFamily.of(first) == IpFamily.INET6;
        if ((!v6 && end.contains(".")) || (v6 && end.contains(":"))) {
            return fullRange(line, text, first, end, start.port());
        }
        return shortRange(line, text, first, end, v6, start.port());
    }

    /** {@code a.b.c.d/len}: the host bits must be zero. */
    private Optional<AddressRange> prefix(Node line, String text, InetAddress first, String len, int port) {
        int bits = first.getAddress().length * 8;
        int mask = len.chars().allMatch(Character::isDigit) && !len.isEmpty() && len.length() < 4 ? Integer.parseInt(len) : -1;
        if (mask <= 0 || mask > bits) {
            report.error(line, "vsg-address", "Invalid netmask - " + text + " - skipping", "the prefix length must be 1.." + bits);
            return Optional.empty();
        }
        BigInteger a = new BigInteger(1, first.getAddress());
        BigInteger host = BigInteger.ONE.shiftLeft(bits - mask).subtract(BigInteger.ONE);
        if (!a.and(host).equals(BigInteger.ZERO)) {
            report.error(line, "vsg-address", "Address mask bits not empty - " + text + " - skipping",
                    "write the network address, e.g. 10.0.1.0/30");
            return Optional.empty();
        }
        return Optional.of(new AddressRange(first, address(a.or(host), bits), port));
    }

    /** {@code a.b.c.d-e.f.g.h}: the end must not be below the start. */
    private Optional<AddressRange> fullRange(Node line, String text, InetAddress first, String end, int port) {
        Optional<InetAddress> last = LvsAddresses.address(end);
        if (last.isEmpty()) {
            report.error(line, "vsg-address", "Invalid range end " + text + " - skipping", "");
            return Optional.empty();
        }
        if ((last.get() instanceof Inet4Address) != (first instanceof Inet4Address)) {
            report.error(line, "vsg-address", "Range address families do not match " + text + " - skipping", "");
            return Optional.empty();
        }
        if (new BigInteger(1, last.get().getAddress()).compareTo(new BigInteger(1, first.getAddress())) < 0) {
            report.error(line, "vsg-address", "Address range end is less than address range start - " + text
                    + " - skipping", "");
            return Optional.empty();
        }
        return Optional.of(new AddressRange(first, last.get(), port));
    }

    /** {@code a.b.c.d-e} (decimal last octet) or {@code x::y-z} (hex last group): inet_stor(). */
    private Optional<AddressRange> shortRange(Node line, String text, InetAddress first, String end, boolean v6, int port) {
        int radix = v6 ? 16 : 10;
        int used = 0;
        while (used < end.length() && end.charAt(used) < 128 && Character.digit(end.charAt(used), radix) >= 0) {
            used++;
        }
        if (used < end.length()) {
            report.error(line, "vsg-address", "Virtual server group range '" + text + "' has extra characters at end '"
                    + end.substring(used) + "'", "write the last octet (IPv4) or last group in hex (IPv6)");
            return Optional.empty();
        }
        BigInteger value = end.isEmpty() ? BigInteger.ZERO : new BigInteger(end, radix);
        if (value.compareTo(BigInteger.valueOf(v6 ? 0xffff : 255)) > 0) {
            report.error(line, "vsg-address", "Virtual server group range '" + text + "' end '" + end + "' too large",
                    v6 ? "the last group is at most ffff" : "the last octet is at most 255");
            return Optional.empty();
        }
        byte[] b = first.getAddress();
        int start = v6 ? ((b[14] & 0xff) << 8) | (b[15] & 0xff) : b[3] & 0xff;
        int last = value.intValue();
        if (start >= last) {
            report.error(line, "vsg-address", "Address range end is not greater than address range start - " + text
                    + " - skipping", "");
            return Optional.empty();
        }
        if (v6) {
            b[14] = (byte) (last >>> 8);
            b[15] = (byte) last;
        } else {
            b[3] = (byte) last;
        }
        try {
            return Optional.of(new AddressRange(first, InetAddress.getByAddress(b), port));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress address(BigInteger value, int bits) {
        byte[] raw = value.toByteArray();
        byte[] b = new byte[bits / 8];
        int copy = Math.min(raw.length, b.length);
        System.arraycopy(raw, raw.length - copy, b, b.length - copy, copy);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
