package io.keepalived4j.vrrp.instance;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What keepalived lacks: a MASTER that sees one of its VIPs claimed in ARP (request, reply or
 * gratuitous ARP with that VIP as sender IP) from a MAC that is not ours knows another node holds
 * the address too: a split brain, e.g. when the VRRP adverts of the two nodes do not reach each other
 * but their ARP does. Reported once per (VIP, foreign MAC) at error level, and counted each time;
 * ARP from random MACs costs bounded memory and at most one line per 10 s ({@link AlarmThrottle}).
 * While BACKUP the MASTER's ARP for the VIPs is expected, so nothing is counted.
 *
 * <pre>{@code
 * var d = new VipConflictDetector("VI_1", List.of(vip), List.of(interfaceMac, vmac));
 * d.observe(new ArpSighting(p.operation(), p.senderIp(), p.senderMac(), p.targetIp()), state == MASTER, now)
 *         .ifPresent(log::error);
 * }</pre>
 *
 * <p>Not thread-safe: the VRRP loop feeds it; {@link #count()} and {@link #last()} are
 * volatile reads for status.
 */
public final class VipConflictDetector {

    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    private final String tag;
    private final Set<InetAddress> vips;
    private final Set<String> ourMacs = new HashSet<>();
    private final AlarmThrottle reported = new AlarmThrottle(SplitBrainDetector.REMEMBERED_SOURCES,
            SplitBrainDetector.REPORT_INTERVAL_MICROS);
    private volatile long count;
    private volatile String last = "";

    /**
     * @param vips    the instance's IPv4 VIPs (IPv6 VIPs are defended by NA, not ARP, and are ignored)
     * @param ourMacs the interface's MAC and, with {@code use_vmac}, the VMAC: 6 bytes each
     */
    public VipConflictDetector(String instanceName, Collection<? extends InetAddress> vips,
                               Collection<byte[]> ourMacs) {
        this.tag = "(" + instanceName + ") ";
        this.vips = Set.copyOf(vips.stream().filter(a -> a instanceof Inet4Address).toList());
        for (byte[] mac : ourMacs) {
            if (mac.length != 6) {
                throw new IllegalArgumentException("MAC must be 6 bytes, got " + mac.length);
            }
            this.ourMacs.add(MAC.formatHex(mac));
        }
    }

    /**
     * One ARP message heard while we are ({@code weAreMaster}) or are not MASTER: returns the error
     * line the first time this VIP is claimed by this foreign MAC; empty otherwise.
     */
    public Optional<String> observe(ArpSighting arp, boolean weAreMaster, long nowMicros) {
        String mac = MAC.formatHex(arp.senderMac());
        if (!weAreMaster || !vips.contains(arp.senderIp()) || ourMacs.contains(mac)) {
            return Optional.empty();
        }
        String vip = arp.senderIp().getHostAddress();
        count++;
        last = "VIP " + vip + " from " + mac + " (" + arp.kind() + ")";
        java.util.OptionalLong admitted = reported.admit(vip + "/" + mac, nowMicros);
        if (admitted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tag + "split brain: VIP " + vip + " is also answered by " + mac + " (" + arp.kind()
                + "); another node holds it" + AlarmThrottle.suffix(admitted.getAsLong()));
    }

    /** ARP claims for our VIPs from foreign MACs heard while MASTER, in all. */
    public long count() {
        return count;
    }

    /** The latest claim, e.g. "VIP 10.0.0.100 from 02:6b:00:00:00:02 (ARP reply)", empty before the first. */
    public String last() {
        return last;
    }

    /** How many (VIP, MAC) pairs are remembered now: bounded, however many MACs were seen. */
    public int remembered() {
        return reported.remembered();
    }

    /** The IPv4 VIPs watched, for status. */
    public List<InetAddress> vips() {
        return List.copyOf(vips);
    }
}
