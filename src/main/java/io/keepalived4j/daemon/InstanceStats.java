package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.codec.RejectCounters;
import io.keepalived4j.vrrp.engine.VrrpState;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One instance's counters and current state, written by the VRRP loop and read by status and
 * dump requests from other threads.
 */
final class InstanceStats {

    private volatile VrrpState state = VrrpState.INIT;
    private final AtomicLong advertsSent = new AtomicLong();
    private final AtomicLong priorityZeroSent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong advertsReceived = new AtomicLong();
    private final AtomicLong becameMaster = new AtomicLong();
    private final AtomicLong splitBrain = new AtomicLong();
    private final RejectCounters rejects = new RejectCounters();

    void stateChanged(VrrpState to) {
        state = to;
        if (to == VrrpState.MASTER) {
            becameMaster.incrementAndGet();
        }
    }

    void advertSent(int priority) {
        advertsSent.incrementAndGet();
        if (priority == 0) {
            priorityZeroSent.incrementAndGet();
        }
    }

    void sendFailed() {
        sendFailures.incrementAndGet();
    }

    void advertReceived() {
        advertsReceived.incrementAndGet();
    }

    void splitBrain() {
        splitBrain.incrementAndGet();
    }

    RejectCounters rejects() {
        return rejects;
    }

    VrrpState state() {
        return state;
    }

    long advertsSent() {
        return advertsSent.get();
    }

    long advertsReceived() {
        return advertsReceived.get();
    }

    long becameMaster() {
        return becameMaster.get();
    }

    long priorityZeroSent() {
        return priorityZeroSent.get();
    }

    long sendFailures() {
        return sendFailures.get();
    }

    long splitBrainCount() {
        return splitBrain.get();
    }
}
