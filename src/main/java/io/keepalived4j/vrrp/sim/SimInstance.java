package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.InstanceDriver;
import io.keepalived4j.vrrp.engine.InstanceTrackers;
import io.keepalived4j.vrrp.engine.VrrpStateMachine;

/** One instance on a simulated host: a fresh driver and tracker set per (re)start. */
final class SimInstance {

    final HostSpec.InstanceSpec spec;
    InstanceDriver driver;
    InstanceTrackers trackers;
    boolean holdsVips;

    SimInstance(HostSpec.InstanceSpec spec) {
        this.spec = spec;
    }

    void boot(VrrpStateMachine.Mutation mutation) {
        driver = new InstanceDriver(spec.parameters(), mutation);
        trackers = new InstanceTrackers(spec.parameters().name(), spec.parameters().priority(), spec.trackers());
        holdsVips = false;
    }

    int vrid() {
        return spec.parameters().vrid();
    }
}
