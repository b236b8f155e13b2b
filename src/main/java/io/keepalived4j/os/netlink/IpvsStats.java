package io.keepalived4j.os.netlink;

/**
 * The counters and rates of a service or destination ({@code struct ip_vs_kstats}) as
 * {@code ipvsadm -ln --stats/--rate} shows them: totals since creation or the last ZERO, and
 * rates per second estimated by the kernel every 2 s. Read from IPVS_*_ATTR_STATS64 when the
 * kernel sends it (Linux 4.1+), else from the 32-bit IPVS_*_ATTR_STATS, as keepalived does.
 */
public record IpvsStats(long connections, long inPackets, long outPackets, long inBytes, long outBytes,
                        long connectionRate, long inPacketRate, long outPacketRate, long inByteRate,
                        long outByteRate) {

    public static final IpvsStats ZERO = new IpvsStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
