package io.keepalived4j.lb.ipvs;

import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsDestinationEntry;
import io.keepalived4j.os.netlink.IpvsFlags;
import io.keepalived4j.os.netlink.IpvsInfo;
import io.keepalived4j.os.netlink.IpvsService;
import io.keepalived4j.os.netlink.IpvsServiceEntry;
import io.keepalived4j.os.netlink.IpvsServiceKey;
import io.keepalived4j.os.netlink.IpvsSyncDaemon;
import io.keepalived4j.os.netlink.IpvsTimeouts;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory IPVS that answers as the kernel's ip_vs_ctl.c does: EEXIST for a service or
 * destination added twice, ESRCH for a missing service, ENOENT for a missing destination, the
 * HASHED flag on every service it holds. Faults are injected by errno; what was asked is logged.
 */
final class FakeIpvsKernel implements IpvsKernel {

    final Map<IpvsServiceKey, IpvsService> services = new LinkedHashMap<>();
    final Map<IpvsServiceKey, Map<InetSocketAddress, IpvsDestination>> destinations = new LinkedHashMap<>();
    final Map<IpvsSyncDaemon.State, IpvsSyncDaemon> daemons = new EnumMap<>(IpvsSyncDaemon.State.class);
    final List<IpvsCommand> log = new ArrayList<>();
    /** Active and inactive connections the listing reports for a destination (0, 0 when absent). */
    final Map<InetSocketAddress, int[]> connections = new LinkedHashMap<>();
    IpvsTimeouts timeouts = new IpvsTimeouts(900, 120, 300);
    int flushes;
    /** The next {@code failures} commands fail with {@code failErrno} (a refusal, or a kernel gone wrong). */
    int failures;
    int failErrno = IpvsException.EINVAL;
    boolean listFails;
    boolean closed;

    /** What another tool (ipvsadm) does: no log entry, no fault. */
    synchronized void add(IpvsService s, IpvsDestination... dests) {
        services.put(s.key(), s.withFlags(new IpvsFlags(s.flags().flags() | IpvsFlags.HASHED, 0xffffffff)));
        Map<InetSocketAddress, IpvsDestination> m = destinations.computeIfAbsent(s.key(), k -> new LinkedHashMap<>());
        for (IpvsDestination d : dests) {
            m.put(IpvsTable.key(d), d);
        }
    }

    synchronized void deleteBehindTheBack(IpvsServiceKey key) {
        services.remove(key);
        destinations.remove(key);
    }

    synchronized Map<InetSocketAddress, IpvsDestination> destinationsOf(IpvsServiceKey key) {
        return Map.copyOf(destinations.getOrDefault(key, Map.of()));
    }

    synchronized List<IpvsCommand> commands() {
        return List.copyOf(log);
    }

    @Override
    public IpvsInfo info() {
        return new IpvsInfo(0x010201, 4096);
    }

    @Override
    public synchronized List<Row> list() throws IpvsException {
        if (listFails) {
            throw new IpvsException(IpvsException.EINVAL, "list the IPVS table: injected");
        }
        List<Row> rows = new ArrayList<>();
        for (IpvsService s : services.values()) {
            List<IpvsDestinationEntry> d = new ArrayList<>();
            for (IpvsDestination x : destinations.getOrDefault(s.key(), Map.of()).values()) {
                int[] c = connections.getOrDefault(new InetSocketAddress(x.address(), x.port()), new int[2]);
                d.add(new IpvsDestinationEntry(x, c[0], c[1], 0, Optional.empty()));
            }
            rows.add(new Row(new IpvsServiceEntry(s, Optional.empty()), d));
        }
        return rows;
    }

    @Override
    public synchronized void apply(IpvsCommand c) throws IpvsException {
        log.add(c);
        if (failures > 0) {
            failures--;
            throw new IpvsException(failErrno, IpvsText.of(c) + ": injected");
        }
        switch (c) {
            case IpvsCommand.NewService s -> {
                if (services.containsKey(s.service().key())) {
                    throw new IpvsException(IpvsException.EEXIST, "File exists");
                }
                add(s.service());
            }
            case IpvsCommand.SetService s -> {
                requireService(s.service().key());
                IpvsService x = s.service();
                services.put(x.key(), x.withFlags(new IpvsFlags(x.flags().flags() | IpvsFlags.HASHED, 0xffffffff)));
            }
            case IpvsCommand.DeleteService s -> {
                requireService(s.service().key());
                deleteBehindTheBack(s.service().key());
            }
            case IpvsCommand.NewDestination d -> {
                requireService(d.service().key());
                Map<InetSocketAddress, IpvsDestination> m = destinations.get(d.service().key());
                if (m.containsKey(IpvsTable.key(d.destination()))) {
                    throw new IpvsException(IpvsException.EEXIST, "File exists");
                }
                m.put(IpvsTable.key(d.destination()), d.destination());
            }
            case IpvsCommand.SetDestination d -> {
                requireService(d.service().key());
                Map<InetSocketAddress, IpvsDestination> m = destinations.get(d.service().key());
                if (!m.containsKey(IpvsTable.key(d.destination()))) {
                    throw new IpvsException(IpvsException.ENOENT, "No such file or directory");
                }
                m.put(IpvsTable.key(d.destination()), d.destination());
            }
            case IpvsCommand.DeleteDestination d -> {
                requireService(d.service().key());
                if (destinations.get(d.service().key()).remove(IpvsTable.key(d.destination())) == null) {
                    throw new IpvsException(IpvsException.ENOENT, "No such file or directory");
                }
            }
        }
    }

    private void requireService(IpvsServiceKey key) throws IpvsException {
        if (!services.containsKey(key)) {
            throw new IpvsException(IpvsException.ESRCH, "No such process");
        }
    }

    @Override
    public synchronized void flush() {
        flushes++;
        services.clear();
        destinations.clear();
    }

    @Override
    public synchronized void setTimeouts(IpvsTimeouts t) {
        timeouts = new IpvsTimeouts(t.tcp() == 0 ? timeouts.tcp() : t.tcp(), t.tcpFin() == 0 ? timeouts.tcpFin() : t.tcpFin(),
                t.udp() == 0 ? timeouts.udp() : t.udp());
    }

    @Override
    public synchronized IpvsTimeouts timeouts() {
        return timeouts;
    }

    @Override
    public synchronized void startDaemon(IpvsSyncDaemon d) throws IpvsException {
        if (daemons.containsKey(d.state())) {
            throw new IpvsException(IpvsException.EEXIST, "File exists");
        }
        daemons.put(d.state(), d);
    }

    @Override
    public synchronized void stopDaemon(IpvsSyncDaemon.State state, int syncId) throws IpvsException {
        if (daemons.remove(state) == null) {
            throw new IpvsException(IpvsException.ESRCH, "No such process");
        }
    }

    @Override
    public synchronized List<IpvsSyncDaemon> daemons() {
        return List.copyOf(daemons.values());
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
