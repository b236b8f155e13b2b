package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.InstanceDriver;
import io.keepalived4j.vrrp.engine.SyncGroupCoordinator;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.engine.VrrpStateMachine;

import java.util.List;

/** One simulated host; a dead host runs nothing and holds nothing. */
final class SimHost {

    final int index;
    final HostSpec spec;
    final List<SimInstance> instances;
    List<SyncGroupCoordinator> groups = List.of();
    boolean alive;

    SimHost(int index, HostSpec spec) {
        this.index = index;
        this.spec = spec;
        this.instances = spec.instances().stream().map(SimInstance::new).toList();
    }

    /** A fresh run of every instance, as after a restart. */
    void boot(VrrpStateMachine.Mutation mutation) {
        instances.forEach(i -> i.boot(mutation));
        groups = spec.syncGroups().stream().map(g -> new SyncGroupCoordinator(g.name(),
                g.members().stream().map(m -> instances.get(m).driver).toList())).toList();
        alive = true;
    }

    void die() {
        alive = false;
        instances.forEach(i -> i.holdsVips = false);
    }

    /** The sync group the driver belongs to, or null. */
    SyncGroupCoordinator groupOf(InstanceDriver driver) {
        for (SyncGroupCoordinator g : groups) {
            if (g.members().contains(driver)) {
                return g;
            }
        }
        return null;
    }

    SimInstance byVrid(int vrid) {
        for (SimInstance i : instances) {
            if (i.vrid() == vrid) {
                return i;
            }
        }
        return null;
    }

    SimInstance of(InstanceDriver driver) {
        for (SimInstance i : instances) {
            if (i.driver == driver) {
                return i;
            }
        }
        throw new IllegalArgumentException("not an instance of host " + index);
    }

    VrrpState state(int instance) {
        return alive ? instances.get(instance).driver.state() : VrrpState.STOP;
    }
}
