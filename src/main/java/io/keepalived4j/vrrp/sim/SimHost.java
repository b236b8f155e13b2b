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
    SyncGroupCoordinator group;
    boolean alive;

    SimHost(int index, HostSpec spec) {
        this.index = index;
        this.spec = spec;
        this.instances = spec.instances().stream().map(SimInstance::new).toList();
    }

    /** A fresh run of every instance, as after a restart. */
    void boot(VrrpStateMachine.Mutation mutation) {
        instances.forEach(i -> i.boot(mutation));
        group = spec.syncGroup() == null ? null
                : new SyncGroupCoordinator(spec.syncGroup(), instances.stream().map(i -> i.driver).toList());
        alive = true;
    }

    void die() {
        alive = false;
        instances.forEach(i -> i.holdsVips = false);
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
