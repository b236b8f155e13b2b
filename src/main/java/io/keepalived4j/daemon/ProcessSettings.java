package io.keepalived4j.daemon;

import io.keepalived4j.config.model.GlobalDefs;
import io.keepalived4j.os.RealtimeScheduling;
import io.keepalived4j.os.SchedulingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalLong;

/**
 * Process-wide settings keepalived makes at start (global_defs): the umask its files and scripts
 * get ({@code umask}, default 0177 as keepalived's lib/utils.c), and, with real-time scheduling,
 * {@code vrrp_rlimit_rttime}. keepalived applies a default RLIMIT_RTTIME of 10 ms whenever
 * {@code vrrp_rt_priority} is set; we apply one only when it is configured, because a JVM's
 * stop-the-world pause on the real-time VM Thread may use more than 10 ms of CPU without a
 * blocking call, and the hard limit is SIGKILL. A soft-limit SIGXCPU is logged as keepalived does.
 */
final class ProcessSettings {

    private static final Logger LOG = LoggerFactory.getLogger("Keepalived_vrrp");
    static final int DEFAULT_UMASK = 0177;

    private ProcessSettings() {
    }

    static void apply(GlobalDefs global) {
        int umask = umask(global);
        RealtimeScheduling.setUmask(umask);
        OptionalLong rttime = rlimitRttime(global);
        if (rttime.isPresent() && VrrpScheduling.rtPriority(global).isPresent()) {
            long max = rttime.getAsLong();
            SchedulingResult r = RealtimeScheduling.limitRealtimeCpu(Math.max(1, max / 2), max);
            if (r.applied()) {
                LOG.info("vrrp_rlimit_rttime: real-time threads may use {} us of CPU without blocking", max);
                watchCpuLimit();
            } else {
                LOG.warn("child process cannot set realtime rlimit: {}", r.message());
            }
        }
    }

    /** global_defs {@code umask}, octal (keepalived: strtoul with base 0), else 0177. */
    static int umask(GlobalDefs global) {
        List<String> v = global.other().get("umask");
        if (v == null || v.isEmpty()) {
            return DEFAULT_UMASK;
        }
        try {
            String t = v.getFirst();
            int mask = t.startsWith("0x") || t.startsWith("0X") ? Integer.parseInt(t.substring(2), 16)
                    : t.startsWith("0") ? Integer.parseInt(t, 8) : Integer.parseInt(t);
            return mask & 0777;
        } catch (NumberFormatException e) {
            LOG.warn("umask '{}' is not a number: using {}", v.getFirst(), Integer.toOctalString(DEFAULT_UMASK));
            return DEFAULT_UMASK;
        }
    }

    /** vrrp_rlimit_rttime (or its deprecated spelling), in microseconds. */
    static OptionalLong rlimitRttime(GlobalDefs global) {
        for (String key : List.of("vrrp_rlimit_rttime", "vrrp_rlimit_rtime")) {
            List<String> v = global.other().get(key);
            if (v != null && !v.isEmpty()) {
                try {
                    long n = Long.parseLong(v.getFirst());
                    if (n >= 1) {
                        return OptionalLong.of(Math.max(2, n));
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                LOG.warn("Invalid vrrp real-time limit - {}", v.getFirst());
            }
        }
        return OptionalLong.empty();
    }

    private static void watchCpuLimit() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("XCPU"), s ->
                    LOG.warn("vrrp process has used too much CPU time, vrrp_rlimit_rttime may need to be increased"));
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot handle SIGXCPU: {}", e.getMessage());
        }
    }
}
