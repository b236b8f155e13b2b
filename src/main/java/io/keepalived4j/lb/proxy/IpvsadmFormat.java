package io.keepalived4j.lb.proxy;

import io.keepalived4j.config.model.lvs.Forwarding;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * The proxy's table as {@code ipvsadm -ln} prints IPVS's ({@code --stats}, {@code --rate}), so
 * that eyes and scripts used to ipvsadm read it. The forwarding column is the configured
 * {@code lb_kind}, which the proxy reports but does not apply (it always terminates TCP).
 */
public final class IpvsadmFormat {

    /** Which of ipvsadm's listings. */
    public enum View { LIST, STATS, RATE }

    private IpvsadmFormat() {
    }

    public static String format(ProxyTable table, View view) {
        StringBuilder b = new StringBuilder("keepalived4j userspace proxy (IPVS semantics)\n");
        b.append(header(view));
        for (ProxyTable.Service s : table.services()) {
            String proto = s.protocol().length() < 5 ? s.protocol() : s.protocol().substring(0, 4);
            for (java.net.InetSocketAddress at : s.listening().isEmpty() ? java.util.List.<java.net.InetSocketAddress>of() : s.listening()) {
                String head = String.format(Locale.ROOT, "%-4s %s", proto, endpoint(at.getAddress(), at.getPort()));
                switch (view) {
                    case LIST -> b.append(head).append(' ').append(s.scheduler())
                            .append(s.persistenceTimeout() > 0 ? " persistent " + s.persistenceTimeout() : "").append('\n');
                    case STATS -> b.append(stats(head, s.traffic())).append('\n');
                    case RATE -> b.append(rates(head, s.traffic().rates())).append('\n');
                }
                for (ProxyTable.Server d : s.servers()) {
                    String dest = "  -> " + endpoint(d.destination().address(), d.destination().port());
                    switch (view) {
                        case LIST -> b.append(String.format(Locale.ROOT, "  -> %-28s %-7s %-6d %-10d %-10d%n",
                                endpoint(d.destination().address(), d.destination().port()),
                                forward(d.destination().forwarding()), d.weight(), d.traffic().active(), 0));
                        case STATS -> b.append(stats(dest, d.traffic())).append('\n');
                        case RATE -> b.append(rates(dest, d.traffic().rates())).append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    /** ipvsadm's column titles for {@code view} (the kernel back end prints the same). */
    public static String header(View view) {
        StringBuilder b = new StringBuilder();
        switch (view) {
            case LIST -> b.append("Prot LocalAddress:Port Scheduler Flags\n")
                    .append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
            case STATS -> b.append(String.format(Locale.ROOT, "%-33s %8s %8s %8s %8s %8s%n",
                            "Prot LocalAddress:Port", "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes"))
                    .append("  -> RemoteAddress:Port\n");
            case RATE -> b.append(String.format(Locale.ROOT, "%-33s %8s %8s %8s %8s %8s%n",
                            "Prot LocalAddress:Port", "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS"))
                    .append("  -> RemoteAddress:Port\n");
        }
        return b.toString();
    }

    private static String stats(String head, Traffic t) {
        return String.format(Locale.ROOT, "%-33s %s %s %s %s %s", head, num(t.connections()), num(t.inPackets()),
                num(t.outPackets()), num(t.inBytes()), num(t.outBytes()));
    }

    private static String rates(String head, Traffic.Rates r) {
        return String.format(Locale.ROOT, "%-33s %s %s %s %s %s", head, num(r.cps()), num(r.inPps()), num(r.outPps()),
                num(r.inBps()), num(r.outBps()));
    }

    /** ipvsadm's print_largenum: exact below 100 million, then K, M, G with one fewer column. */
    public static String num(long n) {
        if (n < 100_000_000L) {
            return String.format(Locale.ROOT, "%8d", n);
        }
        String[] units = {"K", "M", "G", "T"};
        long v = n;
        int u = -1;
        while (v >= 10_000_000L && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%7d%s", v, units[Math.max(u, 0)]);
    }

    private static String forward(Forwarding f) {
        return switch (f.method()) {
            case NAT -> "Masq";
            case DR -> "Route";
            case TUN -> "Tunnel";
        };
    }

    private static String endpoint(InetAddress a, int port) {
        String text = a.getHostAddress();
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return (a instanceof Inet6Address ? "[" + text + "]" : text) + ":" + port;
    }
}
