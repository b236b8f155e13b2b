package io.keepalived4j.daemon;

import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.os.RealtimeScheduling;
import io.keepalived4j.os.SchedulingPolicy;
import io.keepalived4j.os.SchedulingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalInt;

/**
 * keepalived's VRRP process scheduling keywords (global_defs, features.md section 4), applied to
 * the threads that run the protocol: {@code vrrp_rt_priority N} (1..99, default none) makes the
 * VRRP loop and receive threads SCHED_RR at N, as keepalived makes its VRRP child; {@code
 * vrrp_no_swap} locks all memory. A JVM thread starved for three adverts is a false failover, and
 * a real-time thread pre-empts every SCHED_OTHER thread the moment its timer fires.
 * Without privileges both only warn, as keepalived does.
 */
final class VrrpScheduling {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");

    private VrrpScheduling() {
    }

    /** vrrp_rt_priority when set and in 1..99; empty (keepalived's default: no real-time) otherwise. */
    static OptionalInt rtPriority(GlobalDefs global) {
        List<String> v = global.other().get("vrrp_rt_priority");
        if (v == null || v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int p = Integer.parseInt(v.getFirst());
            if (p >= 1 && p <= 99) {
                return OptionalInt.of(p);
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        LOG.warn("vrrp_rt_priority '{}' is not 1..99: ignored", v.getFirst());
        return OptionalInt.empty();
    }

    /** True when vrrp_no_swap is given. */
    static boolean noSwap(GlobalDefs global) {
        return global.other().containsKey("vrrp_no_swap");
    }

    /** Makes the calling thread SCHED_RR at {@code rtPriority}, if present; logs the outcome. */
    static void applyToCurrentThread(OptionalInt rtPriority) {
        if (rtPriority.isEmpty()) {
            return;
        }
        SchedulingResult r = RealtimeScheduling.setCurrentThread(SchedulingPolicy.RR, rtPriority.getAsInt());
        if (r.applied()) {
            LOG.info("{}: SCHED_RR priority {}", Thread.currentThread().getName(), rtPriority.getAsInt());
        } else {
            LOG.warn("{}: cannot set real-time priority: {}", Thread.currentThread().getName(), r.message());
        }
    }

    /** Starts the daemon's scheduling: mlockall when vrrp_no_swap; the rt priority for the loop. */
    static OptionalInt configure(GlobalDefs global) {
        if (noSwap(global)) {
            SchedulingResult r = RealtimeScheduling.lockAllMemory();
            if (r.applied()) {
                LOG.info("vrrp_no_swap: memory locked");
            } else {
                LOG.warn("vrrp_no_swap: {}", r.message());
            }
        }
        return rtPriority(global);
    }
}
