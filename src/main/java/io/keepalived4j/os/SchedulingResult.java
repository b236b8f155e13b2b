package io.keepalived4j.os;

/**
 * What a scheduling or memory-locking call did. Not having the privilege is a normal outcome
 * (keepalived only warns and carries on), so it is a value to log, never an exception.
 *
 * @param status  applied, not permitted (EPERM / EACCES), or failed for another reason
 * @param call    the call as written in C, e.g. {@code sched_setscheduler(0, SCHED_RR, 10)}
 * @param errno   0 when applied
 * @param message one line for the log, e.g. {@code ...: Operation not permitted (EPERM): need CAP_SYS_NICE}
 */
public record SchedulingResult(Status status, String call, int errno, String message) {

    private static final int EPERM = 1;
    private static final int EACCES = 13;

    public enum Status { APPLIED, NOT_PERMITTED, FAILED }

    static SchedulingResult ok(String call) {
        return new SchedulingResult(Status.APPLIED, call, 0, call + ": ok");
    }

    static SchedulingResult failed(String call, int errno) {
        boolean perm = errno == EPERM || errno == EACCES;
        String hint = !perm ? null : call.startsWith("mlockall") ? "raise RLIMIT_MEMLOCK or run as root"
                : "need root or CAP_SYS_NICE (or RLIMIT_RTPRIO)";
        return new SchedulingResult(perm ? Status.NOT_PERMITTED : Status.FAILED, call, errno,
                NativeException.of(call, errno, hint).getMessage());
    }

    public boolean applied() {
        return status == Status.APPLIED;
    }
}
