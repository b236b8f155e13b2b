package io.keepalived4j.daemon;

import io.keepalived4j.lb.DataPlane;
import io.keepalived4j.lb.proxy.IpvsadmFormat;
import io.keepalived4j.lb.proxy.ProxyDataPlane;
import io.keepalived4j.lb.proxy.ProxyTable;

import java.nio.file.Path;
import java.util.Map;
import java.util.List;

/**
 * SIGUSR2's load-balancer side: the userspace proxy's table in ipvsadm's three listings, written to
 * {@code keepalived4j.lvs} beside the stats dump (keepalived.stats keeps keepalived's own layout,
 * which exporters parse). {@code keepalived4j lvs} signals the daemon and prints one listing.
 */
public final class LvsDump {

    public static final String FILE_NAME = "keepalived4j.lvs";

    private LvsDump() {
    }

    static Path path(Map<String, List<String>> globals) {
        return StateDump.path(globals, "stats_dump_file", "keepalived.stats").resolveSibling(FILE_NAME);
    }

    static void write(DataPlane plane, Path target) {
        if (plane instanceof ProxyDataPlane proxy) {
            CheckerService.LOG.info("Printing load balancer table for process({}) on signal", ProcessHandle.current().pid());
            StateDump.writeText(target, text(proxy.table()));
        } else if (plane instanceof io.keepalived4j.lb.ipvs.IpvsDataPlane ipvs) {
            CheckerService.LOG.info("Printing IPVS table for process({}) on signal", ProcessHandle.current().pid());
            try {
                StateDump.writeText(target, text(ipvs));
            } catch (io.keepalived4j.lb.ipvs.IpvsException e) {
                CheckerService.LOG.error("Cannot read the IPVS table: {}", e.getMessage());
            }
        }
    }

    /** The kernel's table in ipvsadm's three listings, and the back end's own counters. */
    public static String text(io.keepalived4j.lb.ipvs.IpvsDataPlane ipvs) throws io.keepalived4j.lb.ipvs.IpvsException {
        io.keepalived4j.os.netlink.IpvsInfo info = ipvs.info();
        List<io.keepalived4j.lb.ipvs.IpvsKernel.Row> rows = ipvs.listing();
        StringBuilder b = new StringBuilder();
        for (IpvsadmFormat.View v : IpvsadmFormat.View.values()) {
            b.append(section(v)).append('\n').append(io.keepalived4j.lb.ipvs.IpvsListingFormat.format(info, rows, v));
        }
        b.append(section(null)).append('\n')
                .append("ipvs_commands ").append(ipvs.commands()).append('\n')
                .append("ipvs_failed_commands ").append(ipvs.failedCommands()).append('\n')
                .append("ipvs_resyncs ").append(ipvs.resyncs()).append('\n');
        return b.toString();
    }

    public static String text(ProxyTable table) {
        StringBuilder b = new StringBuilder();
        for (IpvsadmFormat.View v : IpvsadmFormat.View.values()) {
            b.append(section(v)).append('\n').append(IpvsadmFormat.format(table, v));
        }
        b.append(section(null)).append('\n')
                .append("connections ").append(table.connections()).append('\n')
                .append("udp_flows ").append(table.udpFlows()).append('\n')
                .append("refused_at_limit ").append(table.refused()).append('\n')
                .append("udp_dropped ").append(table.udpDropped()).append('\n')
                .append("idle_closed ").append(table.idleClosed()).append('\n')
                .append("unsupported_services ").append(table.unsupported()).append('\n');
        for (ProxyTable.Service s : table.services()) {
            b.append("no_destination ").append(s.name()).append(' ').append(s.noDestination()).append('\n')
                    .append("connect_failures ").append(s.name()).append(' ').append(s.connectFailures()).append('\n');
        }
        return b.toString();
    }

    /** The marker line of a listing in the file; null for the proxy's own counters. */
    public static String section(IpvsadmFormat.View v) {
        return "==== " + (v == null ? "counters" : v.name().toLowerCase(java.util.Locale.ROOT)) + " ====";
    }
}
