package io.keepalived4j.check;

import io.keepalived4j.config.model.lvs.FileCheck;
import io.keepalived4j.config.model.lvs.VirtualServer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link HealthPool#reload}: the pools follow a reloaded file (see {@link PoolReloadPlan} for the
 * matching and {@link PoolHandover} for what a changed virtual server's real servers keep), under
 * the pool's lock; the checkers of pools that go are stopped outside it.
 */
final class PoolReload {

    private PoolReload() {
    }

    static HealthPool.PoolReloadResult run(HealthPool hp, List<VirtualServer> next, PoolSettings settings,
                                           CheckFactory checks, Function<FileCheck, Long> fileValues,
                                           Function<VirtualServer, Boolean> addressPresent) {
        List<Thread> stopping = new ArrayList<>();
        List<Thread> starting;
        PoolReloadPlan plan;
        hp.lock.lock();
        try {
            if (!hp.started || hp.closed) {
                return new HealthPool.PoolReloadResult(0, 0, 0, 0);
            }
            plan = PoolReloadPlan.of(hp.pools.stream().map(p -> p.config).toList(), next);
            if (plan.changed().isEmpty() && plan.added().isEmpty() && plan.removed().isEmpty()) {
                return new HealthPool.PoolReloadResult(plan.kept().size(), 0, 0, 0);
            }
            List<VirtualServerPool> going = new ArrayList<>();
            plan.removed().forEach(vs -> going.add(hp.poolFor(vs)));
            java.util.Map<VirtualServer, VirtualServerPool> changedFrom = new java.util.HashMap<>();
            plan.changed().forEach(c -> {
                going.add(hp.poolFor(c.from()));
                changedFrom.put(c.to(), hp.poolFor(c.from()));
            });
            hp.dataPlane.reloading();
            for (VirtualServerPool p : going) {
                for (RealServerEntry rs : p.servers) {
                    for (CheckerSlot c : rs.checkers) {
                        c.stopped = true;
                        hp.slots.remove(c);
                        Thread t = hp.runners.remove(c);
                        if (t != null) {
                            t.interrupt();
                            stopping.add(t);
                        }
                    }
                }
            }
            plan.removed().forEach(vs -> hp.poolFor(vs).stop());
            // The new pools take the places of the old, in the new file's order.
            List<VirtualServerPool> coming = new ArrayList<>();
            List<CheckerSlot> newSlots = new ArrayList<>();
            List<VirtualServerPool> order = new ArrayList<>();
            java.util.Map<VirtualServerPool, PoolHandover.Carried> carried = new java.util.HashMap<>();
            for (VirtualServer vs : next) {
                VirtualServerPool keptPool = plan.kept().stream()
                        .filter(k -> PoolReloadPlan.identity(k).equals(PoolReloadPlan.identity(vs)))
                        .findFirst().map(hp::poolFor).orElse(null);
                if (keptPool != null) {
                    order.add(keptPool);
                    continue;
                }
                VirtualServerPool p = new VirtualServerPool(vs, hp.dataPlane, hp.out, settings);
                newSlots.addAll(HealthPool.slotsOf(p, checks));
                VirtualServerPool previous = changedFrom.get(vs);
                if (previous != null) {
                    carried.put(p, PoolHandover.inherit(previous, p));
                    previous.handOverTo(p);
                }
                coming.add(p);
                order.add(p);
            }
            hp.pools.clear();
            hp.pools.addAll(order);
            hp.slots.addAll(newSlots);
            for (VirtualServerPool p : coming) {
                PoolHandover.Carried c = carried.getOrDefault(p, PoolHandover.Carried.NONE);
                hp.prepareCheckers(p, fileValues, addressPresent, c.checkers());
                VirtualServerPool previous = changedFrom.get(p.config);
                if (previous == null) {
                    p.start();
                } else {
                    p.startAfter(previous, c.servers());
                }
            }
            hp.dataPlane.populated();
            coming.forEach(p -> hp.activate(p, carried.getOrDefault(p, PoolHandover.Carried.NONE).checkers()));
            starting = hp.runnersFor(newSlots);
        } finally {
            hp.lock.unlock();
        }
        // Outside the lock: a stopping checker may be waiting for it to find that it stopped.
        hp.join(stopping);
        starting.forEach(Thread::start);
        return new HealthPool.PoolReloadResult(plan.kept().size(), plan.changed().size(), plan.added().size(),
                plan.removed().size());
    }

}
