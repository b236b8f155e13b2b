package io.keepalived4j.lb.sched;

import io.keepalived4j.config.model.lvs.SchedulerFlag;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** {@link Scheduler#create}: the kernel's scheduler names and its two scheduler flag bits. */
final class Schedulers {

    /** The names the kernel registers (register_ip_vs_scheduler in each ip_vs_*.c), as ipvsadm lists them. */
    static final List<String> NAMES = List.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
            "fo", "ovf", "mh");

    private Schedulers() {
    }

    static <D extends SchedDest> Scheduler<D> create(String name, Set<SchedulerFlag> flags) {
        Objects.requireNonNull(flags, "flags");
        boolean fallback = fallback(flags);
        boolean port = port(flags);
        // The kernel's lookup (ip_vs_scheduler_get) is strcmp: names are case-sensitive.
        return switch (String.valueOf(name)) {
            case "rr" -> new RoundRobin<>();
            case "wrr" -> new WeightedRoundRobin<>();
            case "lc" -> new LeastConnection<>();
            case "wlc" -> new WeightedLeastConnection<>();
            case "lblc" -> new LocalityBasedLeastConnection<>();
            case "lblcr" -> new LocalityBasedLeastConnectionWithReplication<>();
            case "dh" -> new DestinationHashing<>();
            case "sh" -> new SourceHashing<>(port, fallback);
            case "sed" -> new ShortestExpectedDelay<>();
            case "nq" -> new NeverQueue<>();
            case "fo" -> new WeightedFailover<>();
            case "ovf" -> new WeightedOverflow<>();
            case "mh" -> new MaglevHash<>(port, fallback);
            default -> throw new IllegalArgumentException(
                    "unknown scheduler '" + name + "': known are " + String.join(" ", NAMES));
        };
    }

    /** IP_VS_SVC_F_SCHED1: IP_VS_SVC_F_SCHED_SH_FALLBACK (ip_vs.h), IP_VS_SVC_F_SCHED_MH_FALLBACK (ip_vs_mh.c). */
    static boolean fallback(Set<SchedulerFlag> flags) {
        return flags.contains(SchedulerFlag.FLAG_1) || flags.contains(SchedulerFlag.SH_FALLBACK)
                || flags.contains(SchedulerFlag.MH_FALLBACK);
    }

    /** IP_VS_SVC_F_SCHED2: IP_VS_SVC_F_SCHED_SH_PORT, IP_VS_SVC_F_SCHED_MH_PORT. */
    static boolean port(Set<SchedulerFlag> flags) {
        return flags.contains(SchedulerFlag.FLAG_2) || flags.contains(SchedulerFlag.SH_PORT)
                || flags.contains(SchedulerFlag.MH_PORT);
    }
}
