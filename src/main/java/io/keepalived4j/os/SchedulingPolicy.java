package io.keepalived4j.os;

/**
 * Linux scheduling policies (include/uapi/linux/sched.h). keepalived's vrrp_rt_priority uses
 * {@link #RR}: a real-time thread of equal priority still yields at the end of its time slice.
 */
public enum SchedulingPolicy {
    OTHER(0, "SCHED_OTHER"),
    FIFO(1, "SCHED_FIFO"),
    RR(2, "SCHED_RR"),
    BATCH(3, "SCHED_BATCH"),
    IDLE(5, "SCHED_IDLE"),
    DEADLINE(6, "SCHED_DEADLINE");

    private final int number;
    private final String cName;

    SchedulingPolicy(int number, String cName) {
        this.number = number;
        this.cName = cName;
    }

    public int number() {
        return number;
    }

    public String cName() {
        return cName;
    }

    /** True for the policies that take a static priority 1..99. */
    public boolean realtime() {
        return this == FIFO || this == RR;
    }

    /** The policy the kernel reported; SCHED_RESET_ON_FORK (0x40000000) is masked off. */
    public static SchedulingPolicy ofNumber(int n) {
        int plain = n & ~0x40000000;
        for (SchedulingPolicy p : values()) {
            if (p.number == plain) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown scheduling policy " + n);
    }
}
