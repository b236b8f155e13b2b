package io.keepalived4j.lb.ipvs;

import io.keepalived4j.lb.proxy.IpvsadmFormat;
import io.keepalived4j.os.netlink.AddressFamily;
import io.keepalived4j.os.netlink.IpvsDestinationEntry;
import io.keepalived4j.os.netlink.IpvsFlags;
import io.keepalived4j.os.netlink.IpvsInfo;
import io.keepalived4j.os.netlink.IpvsService;
import io.keepalived4j.os.netlink.IpvsServiceKey;
import io.keepalived4j.os.netlink.IpvsStats;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's table as {@code ipvsadm -Ln} (and {@code --stats}, {@code --rate}) prints it:
 * the same columns, flags and order (services by fwmark, protocol, address, port; destinations by
 * address and port), so that scripts and eyes used to ipvsadm read {@code keepalived4j lvs} alike.
 */
public final class IpvsListingFormat {

    private IpvsListingFormat() {
    }

    public static String format(IpvsInfo info, List<IpvsKernel.Row> rows, IpvsadmFormat.View view) {
        StringBuilder b = new StringBuilder();
        b.append("IP Virtual Server version ").append(info.versionText()).append(" (size=")
                .append(info.connectionTableSize()).append(")\n");
        b.append(IpvsadmFormat.header(view));
        List<IpvsKernel.Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((IpvsKernel.Row r) -> r.service().service().key(), IpvsListingFormat::compare));
        for (IpvsKernel.Row r : sorted) {
            IpvsService s = r.service().service();
            String name = name(s.key());
            IpvsStats st = r.service().stats().orElse(IpvsStats.ZERO);
            switch (view) {
                case LIST -> b.append(name).append(' ').append(s.scheduler()).append(flags(s)).append('\n');
                case STATS -> b.append(stats(name, st)).append('\n');
                case RATE -> b.append(rates(name, st)).append('\n');
            }
            List<IpvsDestinationEntry> dests = new ArrayList<>(r.destinations());
            dests.sort(Comparator.comparing((IpvsDestinationEntry d) -> d.destination().address(), IpvsListingFormat::compare)
                    .thenComparingInt(d -> d.destination().port()));
            for (IpvsDestinationEntry d : dests) {
                String dest = IpvsText.endpoint(d.destination().address(), d.destination().port());
                IpvsStats ds = d.stats().orElse(IpvsStats.ZERO);
                switch (view) {
                    case LIST -> b.append(String.format(Locale.ROOT, "  -> %-28s %-7s %-6d %-10d %-10d%n", dest,
                            forward(d), d.destination().weight(), Integer.toUnsignedLong(d.activeConnections()),
                            Integer.toUnsignedLong(d.inactiveConnections())));
                    case STATS -> b.append(stats("  -> " + dest, ds)).append('\n');
                    case RATE -> b.append(rates("  -> " + dest, ds)).append('\n');
                }
            }
        }
        return b.toString();
    }

    static String name(IpvsServiceKey key) {
        return switch (key) {
            case IpvsServiceKey.Fwmark f -> "FWM  " + Integer.toUnsignedString(f.mark())
                    + (f.family() == AddressFamily.AF_INET6 ? " IPv6" : "");
            case IpvsServiceKey.Endpoint e -> {
                String proto = switch (e.protocol()) {
                    case TCP -> "TCP  ";
                    case UDP -> "UDP  ";
                    case SCTP -> "SCTP ";
                };
                yield proto + IpvsText.endpoint(e.address(), e.port());
            }
        };
    }

    /** ipvsadm's order: scheduler flags, persistence (mask only when not one address, engine), ops. */
    static String flags(IpvsService s) {
        StringBuilder b = new StringBuilder();
        int f = s.flags().flags();
        List<String> sched = new ArrayList<>();
        String prefix = s.scheduler().equals("sh") || s.scheduler().equals("mh") ? s.scheduler() + "-" : null;
        if ((f & IpvsFlags.SCHED1) != 0) {
            sched.add(prefix != null ? prefix + "fallback" : "flag-1");
        }
        if ((f & IpvsFlags.SCHED2) != 0) {
            sched.add(prefix != null ? prefix + "port" : "flag-2");
        }
        if ((f & IpvsFlags.SCHED3) != 0) {
            sched.add("flag-3");
        }
        if (!sched.isEmpty()) {
            b.append(" (").append(String.join(",", sched)).append(')');
        }
        if ((f & IpvsFlags.PERSISTENT) != 0) {
            b.append(" persistent ").append(Integer.toUnsignedLong(s.timeout()));
            if (s.key().family() == AddressFamily.AF_INET && s.netmask() != 0xffffffff) {
                int m = s.netmask();
                b.append(" mask ").append((m >>> 24) & 0xff).append('.').append((m >>> 16) & 0xff).append('.')
                        .append((m >>> 8) & 0xff).append('.').append(m & 0xff);
            } else if (s.key().family() == AddressFamily.AF_INET6 && s.netmask() != 128) {
                b.append(" mask ").append(s.netmask());
            }
            s.persistenceEngine().ifPresent(pe -> b.append(" pe ").append(pe));
        }
        if ((f & IpvsFlags.ONEPACKET) != 0) {
            b.append(" ops");
        }
        return b.toString();
    }

    private static String forward(IpvsDestinationEntry d) {
        return switch (d.destination().forwarding()) {
            case MASQ -> "Masq";
            case LOCAL -> "Local";
            case TUNNEL -> "Tunnel";
            case ROUTE -> "Route";
            case BYPASS -> "Bypass";
        };
    }

    private static String stats(String head, IpvsStats t) {
        return String.format(Locale.ROOT, "%-33s %s %s %s %s %s", head, IpvsadmFormat.num(t.connections()),
                IpvsadmFormat.num(t.inPackets()), IpvsadmFormat.num(t.outPackets()), IpvsadmFormat.num(t.inBytes()),
                IpvsadmFormat.num(t.outBytes()));
    }

    private static String rates(String head, IpvsStats t) {
        return String.format(Locale.ROOT, "%-33s %s %s %s %s %s", head, IpvsadmFormat.num(t.connectionRate()),
                IpvsadmFormat.num(t.inPacketRate()), IpvsadmFormat.num(t.outPacketRate()),
                IpvsadmFormat.num(t.inByteRate()), IpvsadmFormat.num(t.outByteRate()));
    }

    /** ipvsadm's ipvs_cmp_services: fwmark, then address family, protocol, address, port. */
    private static int compare(IpvsServiceKey a, IpvsServiceKey b) {
        int ma = a instanceof IpvsServiceKey.Fwmark f ? f.mark() : 0;
        int mb = b instanceof IpvsServiceKey.Fwmark f ? f.mark() : 0;
        if (ma != mb) {
            return Integer.compareUnsigned(ma, mb);
        }
        if (a.family() != b.family()) {
            return Integer.compare(a.family(), b.family());
        }
        if (a instanceof IpvsServiceKey.Endpoint x && b instanceof IpvsServiceKey.Endpoint y) {
            int c = Integer.compare(x.protocol().number(), y.protocol().number());
            if (c != 0) {
                return c;
            }
            c = compare(x.address(), y.address());
            return c != 0 ? c : Integer.compare(x.port(), y.port());
        }
        return 0;
    }

    private static int compare(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return Arrays.compareUnsigned(x, y);
    }
}
