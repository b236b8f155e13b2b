package io.keepalived4j.daemon;

import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.os.RealtimeScheduling;
import io.keepalived4j.os.SchedulingPolicy;
import io.keepalived4j.os.SchedulingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * keepalived's VRRP process scheduling keywords (global_defs, features.md section 4), applied to
 * the threads that run the protocol: {@code vrrp_rt_priority N} (1..99, default none) makes the
 * VRRP loop (which reads the receive sockets) SCHED_RR at N, as keepalived makes its VRRP child; {@code
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

    /** vrrp_priority: the nice value (-20..19) of the VRRP threads, keepalived's VRRP process priority. */
    static OptionalInt nice(GlobalDefs global) {
        List<String> v = global.other().get("vrrp_priority");
        if (v == null || v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(v.getFirst());
            if (n >= -20 && n <= 19) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("vrrp_priority '{}' is not -20..19: ignored", v.getFirst());
        return OptionalInt.empty();
    }

    /** Gives the calling thread vrrp_priority's nice value, if set; logs a failure. */
    static void applyNiceToCurrentThread(OptionalInt nice) {
        if (nice.isEmpty()) {
            return;
        }
        SchedulingResult r = RealtimeScheduling.setCurrentThreadNice(nice.getAsInt());
        if (!r.applied()) {
            LOG.warn("{}: cannot set vrrp_priority {}: {}", Thread.currentThread().getName(), nice.getAsInt(), r.message());
        }
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

    /**
     * Gives the JVM threads that run stop-the-world pauses the same priority: while HotSpot's
     * "VM Thread" (every Serial GC pause and safepoint operation) or a "GC Thread#N" worker
     * (G1/Parallel) waits behind busy SCHED_OTHER processes, the real-time VRRP loop is stopped
     * too (measured, docs/bench-soak.md: a young pause of 5 ms at startup took 13.5 ms under four busy
     * loops on two cores; with the VM Thread real-time, at most 3.7 ms). G1
     * starts workers lazily, so with G1 some may be missed; Serial GC has only the VM Thread.
     */
    static void applyToJvmPauseThreads(OptionalInt rtPriority) {
        if (rtPriority.isEmpty()) {
            return;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String name = comm(task);
                if (name.equals("VM Thread") || name.startsWith("GC Thread#")) {
                    SchedulingResult r = RealtimeScheduling.setThread(Integer.parseInt(task.getFileName().toString()),
                            SchedulingPolicy.RR, rtPriority.getAsInt());
                    if (r.applied()) {
                        LOG.info("JVM '{}': SCHED_RR priority {}", name, rtPriority.getAsInt());
                    } else {
                        LOG.warn("JVM '{}': cannot set real-time priority: {}", name, r.message());
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list /proc/self/task for the JVM's GC threads: {}", e.toString());
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return ""; // the thread ended meanwhile
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
