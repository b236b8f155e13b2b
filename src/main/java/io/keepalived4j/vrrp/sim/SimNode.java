package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.InstanceDriver;
import io.keepalived4j.vrrp.engine.InstanceParameters;
import io.keepalived4j.vrrp.engine.VrrpState;

/** One simulated host running one VRRP instance; a dead host runs nothing and holds nothing. */
final class SimNode {

    final int index;
    final InstanceParameters parameters;
    InstanceDriver driver;
    boolean alive;
    boolean holdsVips;

    SimNode(int index, InstanceParameters parameters) {
        this.index = index;
        this.parameters = parameters;
    }

    VrrpState state() {
        return alive ? driver.state() : VrrpState.STOP;
    }
}
