package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Real-time scheduling and memory locking for the thread that must not be late: keepalived's
 * {@code vrrp_rt_priority} (SCHED_RR), {@code vrrp_priority} (nice) and {@code vrrp_no_swap}
 * (mlockall). A JVM runs many threads and the kernel schedules each on its own, so unlike
 * keepalived (one thread per process) these apply to the <em>calling thread</em>: on Linux
 * {@code sched_setscheduler(0, ...)} and {@code setpriority(PRIO_PROCESS, 0, ...)} act on the
 * caller's thread id (sched_setscheduler(2), setpriority(2) "BUGS": nice is per thread).
 * {@link #lockAllMemory()} is process-wide, as mlockall(2) is.
 *
 * <pre>{@code
 * SchedulingResult r = RealtimeScheduling.setCurrentThread(SchedulingPolicy.RR, 10);
 * if (!r.applied()) log.warn(r.message());   // EPERM without CAP_SYS_NICE: carry on, just warn
 * }</pre>
 */
public final class RealtimeScheduling {

    private static final int PRIO_PROCESS = 0;
    private static final int MCL_CURRENT = 1;
    private static final int MCL_FUTURE = 2;

    private RealtimeScheduling() {
    }

    /**
     * Sets the calling thread's policy and static priority (1..99 for RR/FIFO, 0 for OTHER).
     * EPERM (no CAP_SYS_NICE, or RLIMIT_RTPRIO too low) comes back as {@link SchedulingResult.Status#NOT_PERMITTED}.
     */
    public static SchedulingResult setCurrentThread(SchedulingPolicy policy, int priority) {
        String call = "sched_setscheduler(0, " + policy.cName() + ", " + priority + ")";
        if (policy.realtime() ? priority < 1 || priority > 99 : priority != 0) {
            return SchedulingResult.failed(call, 22);
        }
        return invokeSetScheduler(call, 0, policy, priority);
    }

    /**
     * Sets another thread of this process (by its kernel thread id, /proc/self/task/TID): the JVM's
     * own threads, e.g. HotSpot's "VM Thread" that performs every stop-the-world GC pause.
     */
    public static SchedulingResult setThread(int tid, SchedulingPolicy policy, int priority) {
        String call = "sched_setscheduler(" + tid + ", " + policy.cName() + ", " + priority + ")";
        if (tid <= 0 || (policy.realtime() ? priority < 1 || priority > 99 : priority != 0)) {
            return SchedulingResult.failed(call, 22);
        }
        return invokeSetScheduler(call, tid, policy, priority);
    }

    private static SchedulingResult invokeSetScheduler(String call, int tid, SchedulingPolicy policy, int priority) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            MemorySegment param = arena.allocate(JAVA_INT);
            param.set(JAVA_INT, 0, priority);
            int rc = (int) Libc.SCHED_SETSCHEDULER.invokeExact(state, tid, policy.number(), param);
            return rc == 0 ? SchedulingResult.ok(call) : SchedulingResult.failed(call, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Sets the calling thread's nice value (-20..19); lowering it needs CAP_SYS_NICE. */
    public static SchedulingResult setCurrentThreadNice(int nice) {
        String call = "setpriority(PRIO_PROCESS, 0, " + nice + ")";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            int rc = (int) Libc.SETPRIORITY.invokeExact(state, PRIO_PROCESS, 0, nice);
            return rc == 0 ? SchedulingResult.ok(call) : SchedulingResult.failed(call, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * mlockall(MCL_CURRENT | MCL_FUTURE): no page of the process is ever swapped out, so a timer
     * never waits for a page-in. Size the heap with -Xms = -Xmx and -XX:+AlwaysPreTouch so the
     * locked set is known up front; EPERM / ENOMEM mean RLIMIT_MEMLOCK is too low.
     */
    public static SchedulingResult lockAllMemory() {
        String call = "mlockall(MCL_CURRENT|MCL_FUTURE)";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            int rc = (int) Libc.MLOCKALL.invokeExact(state, MCL_CURRENT | MCL_FUTURE);
            return rc == 0 ? SchedulingResult.ok(call) : SchedulingResult.failed(call, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * setrlimit(RLIMIT_RTTIME): keepalived's {@code vrrp_rlimit_rttime}, the CPU time in
     * microseconds a real-time thread may use without a blocking system call before the kernel
     * sends SIGXCPU (soft limit) and SIGKILL (hard limit): a runaway SCHED_RR loop cannot lock up
     * the machine. Process-wide, as setrlimit(2) is.
     */
    public static SchedulingResult limitRealtimeCpu(long softMicros, long hardMicros) {
        String call = "setrlimit(RLIMIT_RTTIME, " + softMicros + ", " + hardMicros + ")";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            MemorySegment rlimit = arena.allocate(16, 8);
            rlimit.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, softMicros);
            rlimit.set(java.lang.foreign.ValueLayout.JAVA_LONG, 8, hardMicros);
            int rc = (int) Libc.SETRLIMIT.invokeExact(state, Libc.RLIMIT_RTTIME, rlimit);
            return rc == 0 ? SchedulingResult.ok(call) : SchedulingResult.failed(call, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** umask(2) for the whole process (files it creates, and the scripts it starts); returns the old mask. */
    public static int setUmask(int mask) {
        try {
            return (int) Libc.UMASK.invokeExact(mask & 0777);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The calling thread's policy and static priority, as the kernel holds them. */
    public static ThreadSchedule currentThread() throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            int policy = (int) Libc.SCHED_GETSCHEDULER.invokeExact(state, 0);
            if (policy < 0) {
                throw NativeException.of("sched_getscheduler(0)", Libc.errno(state), null);
            }
            MemorySegment param = arena.allocate(JAVA_INT);
            if ((int) Libc.SCHED_GETPARAM.invokeExact(state, 0, param) != 0) {
                throw NativeException.of("sched_getparam(0)", Libc.errno(state), null);
            }
            return new ThreadSchedule(SchedulingPolicy.ofNumber(policy), param.get(JAVA_INT, 0));
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** A thread's policy and static priority, as sched_getscheduler/sched_getparam report them. */
    public record ThreadSchedule(SchedulingPolicy policy, int priority) {
    }
}
