package io.keepalived4j.lb.ipvs;

import io.keepalived4j.config.model.lvs.VirtualServer;
import io.keepalived4j.config.model.lvs.VirtualServerGroup;
import io.keepalived4j.lb.DataPlane;
import io.keepalived4j.lb.Destination;
import io.keepalived4j.os.netlink.IpvsDestination;
import io.keepalived4j.os.netlink.IpvsService;
import io.keepalived4j.os.netlink.IpvsServiceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kernel's IPVS as the data plane: the pool's services and destinations programmed into the
 * kernel table over generic netlink, as keepalived's checker process does, with two differences
 * that keep connections alive: the start converges the table the kernel already holds (a restart
 * after a crash, or another tool's entries) instead of failing on EEXIST, and a command the kernel
 * refuses because someone changed the table behind our back (ipvsadm -D, -C) re-reads the table
 * and converges again instead of leaving it half-done.
 *
 * <p>Until {@link #populated()} the pool's calls only build the wanted table; then one plan
 * ({@link IpvsReconciler}) converges the kernel to it: services of others are never touched,
 * destinations of our services that the configuration lacks are removed, the rest is edited in
 * place (no connection dropped). After that each call applies its own few commands. Stop removes
 * what this daemon manages ({@code lvs_flush_on_stop}: flush it all).
 */
public final class IpvsDataPlane implements DataPlane {

    static final Logger LOG = LoggerFactory.getLogger("Keepalived_healthcheckers");

    private final IpvsKernel kernel;
    private final IpvsSettings settings;
    private final Map<String, VirtualServerGroup> groups = new LinkedHashMap<>();
    /** What the pool wants, per kernel service. */
    private final Map<IpvsServiceKey, Wanted> wanted = new LinkedHashMap<>();
    /** What the kernel holds of the services we manage, as far as we know (refreshed after an error). */
    private final Map<IpvsServiceKey, IpvsTable.Entry> applied = new LinkedHashMap<>();
    /** The services this daemon manages: removed at stop, and only these. */
    private final Set<IpvsServiceKey> owned = new HashSet<>();
    private final Map<VirtualServer, List<IpvsServiceKey>> keysOf = new LinkedHashMap<>();
    private final IpvsSyncDaemons syncDaemons;
    private boolean populated;
    /** Set by the first {@link #populated()}: later ones end a reload. */
    private boolean started;
    /** The services a reload touched, converged together when it ends. */
    private final Set<IpvsServiceKey> held = new java.util.LinkedHashSet<>();
    private boolean closed;
    /** The kernel's timeouts before lvs_timeouts changed them, restored at stop; null when unchanged. */
    private io.keepalived4j.os.netlink.IpvsTimeouts originalTimeouts;
    /** Commands the kernel refused (each also logged). */
    final AtomicLong failedCommands = new AtomicLong();
    /** Times the table was re-read because it was not what we had left it as. */
    final AtomicLong resyncs = new AtomicLong();
    final AtomicLong commands = new AtomicLong();

    private static final class Wanted {
        IpvsService service;
        final Map<InetSocketAddress, IpvsDestination> destinations = new LinkedHashMap<>();

        Wanted(IpvsService service) {
            this.service = service;
        }

        IpvsTable.Entry entry() {
            return new IpvsTable.Entry(service, destinations);
        }
    }

    /**
     * Opens the back end on {@code kernel}: flushes it first with {@code lvs_flush}, sets
     * {@code lvs_timeouts} (the kernel's own are put back at stop, as keepalived does), and starts
     * the sync daemons that do not follow a VRRP instance.
     */
    public IpvsDataPlane(IpvsKernel kernel, List<VirtualServerGroup> groups, IpvsSettings settings) {
        this.kernel = kernel;
        this.settings = settings;
        groups.forEach(g -> this.groups.put(g.name(), g));
        if (settings.flushAtStart()) {
            run("flush the IPVS table (lvs_flush)", kernel::flush);
        }
        settings.timeouts().ifPresent(t -> run("set the IPVS timeouts (lvs_timeouts)", () -> {
            // keepalived (libipvs) restores the kernel's own timeouts at its stop: read them first.
            originalTimeouts = kernel.timeouts();
            kernel.setTimeouts(t);
        }));
        this.syncDaemons = new IpvsSyncDaemons(kernel, settings.sync());
        syncDaemons.start();
    }

    @Override
    public synchronized void addService(VirtualServer vs) {
        List<IpvsServiceKey> keys = new ArrayList<>();
        for (IpvsService s : IpvsMapping.services(vs, groups)) {
            Wanted w = wanted.get(s.key());
            if (w == null) {
                wanted.put(s.key(), new Wanted(s));
            } else {
                w.service = s;
            }
            keys.add(s.key());
        }
        keysOf.put(vs, keys);
        converge(keys);
    }

    /** The kernel services of {@code to} take over {@code from}'s with their destinations: edits, never DEL+NEW. */
    @Override
    public synchronized void replaceService(VirtualServer from, VirtualServer to) {
        List<IpvsServiceKey> before = keysOf.remove(from);
        addService(to);
        if (before == null) {
            return;
        }
        List<IpvsServiceKey> gone = new ArrayList<>(before);
        gone.removeAll(keysOf.get(to));
        gone.forEach(wanted::remove);
        converge(gone);
    }

    @Override
    public synchronized void removeService(VirtualServer vs) {
        List<IpvsServiceKey> keys = keysOf.remove(vs);
        if (keys == null) {
            return;
        }
        keys.forEach(wanted::remove);
        converge(keys);
    }

    @Override
    public synchronized void setDestination(VirtualServer vs, Destination d, long weight) {
        List<IpvsServiceKey> keys = keysOf.getOrDefault(vs, List.of());
        IpvsDestination dest = IpvsMapping.destination(vs, d, weight);
        for (IpvsServiceKey k : keys) {
            Wanted w = wanted.get(k);
            if (w != null) {
                IpvsDestination there = IpvsMapping.forService(k, dest);
                w.destinations.put(IpvsTable.key(there), there);
            }
        }
        converge(keys);
    }

    @Override
    public synchronized void removeDestination(VirtualServer vs, Destination d) {
        List<IpvsServiceKey> keys = keysOf.getOrDefault(vs, List.of());
        for (IpvsServiceKey k : keys) {
            Wanted w = wanted.get(k);
            if (w != null) {
                w.destinations.remove(new InetSocketAddress(d.address(), k instanceof IpvsServiceKey.Fwmark ? 0 : d.port()));
            }
        }
        converge(keys);
    }

    /** The pool's start is in: the kernel converges to it in one plan. */
    @Override
    public synchronized void populated() {
        if (populated) {
            return;
        }
        populated = true;
        if (!started) {
            started = true;
            resync(wanted.keySet());
            return;
        }
        // The end of a reload: from what we know the kernel holds, as after any pool change.
        List<IpvsServiceKey> keys = List.copyOf(held);
        held.clear();
        converge(keys);
    }

    /** A reload: the pool's changes are held until {@link #populated()} (see {@link DataPlane#reloading()}). */
    @Override
    public synchronized void reloading() {
        if (started) {
            populated = false;
        }
    }

    /** Our services' destinations' connections, from the kernel's table now (empty when it cannot be read). */
    @Override
    public Map<String, io.keepalived4j.lb.ServerConnections> connections() {
        Map<IpvsServiceKey, String> names = new LinkedHashMap<>();
        synchronized (this) {
            keysOf.forEach((vs, keys) -> keys.forEach(k -> names.put(k, vs.describe())));
        }
        Map<String, io.keepalived4j.lb.ServerConnections> out = new LinkedHashMap<>();
        List<IpvsKernel.Row> rows;
        try {
            rows = kernel.list();
        } catch (IpvsException e) {
            return out;
        }
        for (IpvsKernel.Row row : rows) {
            String vs = names.get(row.service().service().key());
            if (vs == null) {
                continue;
            }
            for (io.keepalived4j.os.netlink.IpvsDestinationEntry d : row.destinations()) {
                String key = io.keepalived4j.lb.ServerConnections.key(vs, "[" + io.keepalived4j.config.model.IpText.of(
                        d.destination().address()) + "]:" + d.destination().port());
                // A virtual_server_group is several kernel services: a server's connections add up.
                out.merge(key, new io.keepalived4j.lb.ServerConnections(d.activeConnections(), d.inactiveConnections()),
                        (a, b) -> new io.keepalived4j.lb.ServerConnections(a.active() + b.active(), a.inactive() + b.inactive()));
            }
        }
        return out;
    }

    /** The kernel's table now, as ipvsadm lists it (all services, ours or not). */
    public List<IpvsKernel.Row> listing() throws IpvsException {
        return kernel.list();
    }

    /** The sync daemons' instance changed state (MASTER, BACKUP, FAULT, STOP). */
    public void instanceState(String instance, String state) {
        syncDaemons.instanceState(instance, state);
    }

    public io.keepalived4j.os.netlink.IpvsInfo info() throws IpvsException {
        return kernel.info();
    }

    public long commands() {
        return commands.get();
    }

    public long failedCommands() {
        return failedCommands.get();
    }

    public long resyncs() {
        return resyncs.get();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        syncDaemons.close();
        if (settings.flushOnStop() == IpvsSettings.FlushOnStop.FULL) {
            run("flush the IPVS table (lvs_flush_on_stop)", kernel::flush);
        } else if (!owned.isEmpty()) {
            // What the pool's stop has not removed (it removes every service it added).
            Map<IpvsServiceKey, IpvsTable.Entry> left = new LinkedHashMap<>(applied);
            left.keySet().retainAll(owned);
            execute(IpvsReconciler.stop(new IpvsTable(left), owned, false));
        }
        if (originalTimeouts != null) {
            io.keepalived4j.os.netlink.IpvsTimeouts t = originalTimeouts;
            run("restore the IPVS timeouts", () -> kernel.setTimeouts(t));
        }
        kernel.close();
    }

    // ---- convergence

    private void converge(List<IpvsServiceKey> keys) {
        if (started && !populated) {
            held.addAll(keys);
            return;
        }
        if (!populated || closed) {
            return;
        }
        Map<IpvsServiceKey, IpvsTable.Entry> have = new LinkedHashMap<>();
        Map<IpvsServiceKey, IpvsTable.Entry> want = new LinkedHashMap<>();
        for (IpvsServiceKey k : keys) {
            IpvsTable.Entry a = applied.get(k);
            if (a != null) {
                have.put(k, a);
            }
            Wanted w = wanted.get(k);
            if (w != null) {
                want.put(k, w.entry());
            }
        }
        List<IpvsCommand> plan = IpvsReconciler.plan(new IpvsTable(have), new IpvsTable(want), owned);
        if (!execute(plan)) {
            resync(new HashSet<>(keys));
        }
    }

    /** Reads the kernel's table, and converges {@code keys} from what is really there. */
    private void resync(Set<IpvsServiceKey> keys) {
        IpvsTable current;
        try {
            current = IpvsKernel.table(kernel.list());
        } catch (IpvsException e) {
            failedCommands.incrementAndGet();
            LOG.error("IPVS: cannot read the kernel table: {}", e.getMessage());
            return;
        }
        if (populated && !applied.isEmpty()) {
            resyncs.incrementAndGet();
        }
        Map<IpvsServiceKey, IpvsTable.Entry> have = new LinkedHashMap<>();
        Map<IpvsServiceKey, IpvsTable.Entry> want = new LinkedHashMap<>();
        for (IpvsServiceKey k : keys) {
            IpvsTable.Entry c = current.services().get(k);
            if (c != null) {
                have.put(k, c);
                applied.put(k, c);
            } else {
                applied.remove(k);
            }
            Wanted w = wanted.get(k);
            if (w != null) {
                want.put(k, w.entry());
            }
        }
        // A service already there with the key of a wanted one becomes ours, as keepalived takes it:
        // converged in place (its connections kept) and removed at stop.
        for (IpvsServiceKey k : want.keySet()) {
            if (have.containsKey(k)) {
                owned.add(k);
            }
        }
        execute(IpvsReconciler.plan(new IpvsTable(have), new IpvsTable(want), owned));
    }

    /** Runs the commands in order, keeping {@link #applied} and {@link #owned} up to date; false on the first refusal. */
    private boolean execute(List<IpvsCommand> plan) {
        for (IpvsCommand c : plan) {
            commands.incrementAndGet();
            try {
                kernel.apply(c);
            } catch (IpvsException e) {
                failedCommands.incrementAndGet();
                LOG.error("IPVS: {} failed: {}", IpvsText.of(c), e.getMessage());
                return false;
            }
            record(c);
        }
        return true;
    }

    private void record(IpvsCommand c) {
        switch (c) {
            case IpvsCommand.NewService s -> {
                applied.put(s.service().key(), new IpvsTable.Entry(s.service(), Map.of()));
                owned.add(s.service().key());
            }
            case IpvsCommand.SetService s -> {
                IpvsTable.Entry e = applied.get(s.service().key());
                applied.put(s.service().key(), new IpvsTable.Entry(s.service(), e == null ? Map.of() : e.destinations()));
                owned.add(s.service().key());
            }
            case IpvsCommand.DeleteService s -> {
                applied.remove(s.service().key());
                owned.remove(s.service().key());
            }
            case IpvsCommand.NewDestination d -> changeDestinations(d.service(), m -> m.put(IpvsTable.key(d.destination()), d.destination()));
            case IpvsCommand.SetDestination d -> changeDestinations(d.service(), m -> m.put(IpvsTable.key(d.destination()), d.destination()));
            case IpvsCommand.DeleteDestination d -> changeDestinations(d.service(), m -> m.remove(IpvsTable.key(d.destination())));
        }
    }

    private void changeDestinations(IpvsService service, java.util.function.Consumer<Map<InetSocketAddress, IpvsDestination>> change) {
        IpvsTable.Entry e = applied.get(service.key());
        Map<InetSocketAddress, IpvsDestination> m = new LinkedHashMap<>(e == null ? Map.of() : e.destinations());
        change.accept(m);
        applied.put(service.key(), new IpvsTable.Entry(e == null ? service : e.service(), m));
        owned.add(service.key());
    }

    interface KernelCall {
        void run() throws IpvsException;
    }

    private void run(String what, KernelCall call) {
        try {
            call.run();
        } catch (IpvsException e) {
            failedCommands.incrementAndGet();
            LOG.error("IPVS: cannot {}: {}", what, e.getMessage());
        }
    }
}
