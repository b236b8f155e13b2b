package io.keepalived4j.lb.ipvs;

import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsDestinationEntry;
import io.keepalived4j.os.netlink.IpvsServiceEntry;
import io.keepalived4j.os.netlink.IpvsServiceKey;
import io.keepalived4j.os.netlink.IpvsSyncDaemon;
import io.keepalived4j.os.netlink.IpvsTimeouts;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's IPVS, as the back end uses it: read the table, change it one command at a time,
 * flush, timeouts, sync daemons. {@link GenlIpvsKernel} talks generic netlink to the real kernel;
 * the tests' in-memory kernel answers as the kernel does (EEXIST, ENOENT, ESRCH), so the back end's
 * convergence and error paths run without one.
 */
public interface IpvsKernel extends AutoCloseable {

    /** One service with its destinations, counters included, as {@code ipvsadm -Ln} lists it. */
    record Row(IpvsServiceEntry service, List<IpvsDestinationEntry> destinations) {
        public Row {
            destinations = List.copyOf(destinations);
        }
    }

    /** IPVS's version and connection table size (ipvsadm's first line). */
    io.keepalived4j.os.netlink.IpvsInfo info() throws IpvsException;

    /** Every service and destination the kernel holds now. */
    List<Row> list() throws IpvsException;

    void apply(IpvsCommand command) throws IpvsException;

    /** {@code ipvsadm -C}: every service, every destination. */
    void flush() throws IpvsException;

    /** {@code ipvsadm --set}; a 0 leaves that timeout as it is. */
    void setTimeouts(IpvsTimeouts timeouts) throws IpvsException;

    IpvsTimeouts timeouts() throws IpvsException;

    void startDaemon(IpvsSyncDaemon daemon) throws IpvsException;

    void stopDaemon(IpvsSyncDaemon.State state, int syncId) throws IpvsException;

    List<IpvsSyncDaemon> daemons() throws IpvsException;

    @Override
    void close();

    /** The settings part of a listing, for the reconciler. */
    static IpvsTable table(List<Row> rows) {
        Map<IpvsServiceKey, IpvsTable.Entry> services = new LinkedHashMap<>();
        for (Row r : rows) {
            Map<InetSocketAddress, IpvsDestination> dests = new LinkedHashMap<>();
            for (IpvsDestinationEntry d : r.destinations()) {
                dests.put(IpvsTable.key(d.destination()), d.destination());
            }
            services.put(r.service().service().key(), new IpvsTable.Entry(r.service().service(), dests));
        }
        return new IpvsTable(services);
    }
}
