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
    /** When this instance last received an advert, -1 before the first. */
    long lastAdvertAt = -1;

    SimInstance(HostSpec.InstanceSpec spec) {
        this.spec = spec;
    }

    void boot(VrrpStateMachine.Mutation mutation) {
        driver = new InstanceDriver(spec.parameters(), mutation);
        trackers = new InstanceTrackers(spec.parameters().name(), spec.parameters().priority(), spec.trackers());
        holdsVips = false;
        lastAdvertAt = -1;
    }

    int vrid() {
        return spec.parameters().vrid();
    }
}
