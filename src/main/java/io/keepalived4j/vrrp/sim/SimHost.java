package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.HostSpec;
import io.keepalived4j.vrrp.engine.VrrpHost;
import io.keepalived4j.vrrp.engine.VrrpState;
import io.keepalived4j.vrrp.engine.VrrpStateMachine;

import java.util.Arrays;

/** One simulated host: a fresh {@link VrrpHost} per boot; a dead host runs nothing and holds nothing. */
final class SimHost {

    final int index;
    final HostSpec spec;
    VrrpHost vrrp;
    boolean alive;
    final boolean[] holdsVips;
    /** Per instance, when it last received an advert (-1 before the first since boot). */
    final long[] lastAdvertAt;

    SimHost(int index, HostSpec spec) {
        this.index = index;
        this.spec = spec;
        this.holdsVips = new boolean[spec.instances().size()];
        this.lastAdvertAt = new long[spec.instances().size()];
    }

    void boot(VrrpHost.Effects effects, VrrpStateMachine.Mutation mutation) {
        vrrp = new VrrpHost(spec, effects, mutation);
        Arrays.fill(holdsVips, false);
        Arrays.fill(lastAdvertAt, -1);
        alive = true;
    }

    void die() {
        alive = false;
        Arrays.fill(holdsVips, false);
    }

    VrrpState state(int instance) {
        return alive ? vrrp.state(instance) : VrrpState.STOP;
    }

    String name(int instance) {
        return spec.instances().get(instance).parameters().name();
    }
}
