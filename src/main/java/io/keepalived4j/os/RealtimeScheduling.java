package io.keepalived4j.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

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

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    /** int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param) */
    private static final MethodHandle SCHED_SETSCHEDULER = handle("sched_setscheduler",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    /** int sched_getscheduler(pid_t pid) */
    private static final MethodHandle SCHED_GETSCHEDULER = handle("sched_getscheduler",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** int sched_getparam(pid_t pid, struct sched_param *param): the struct is one int. */
    private static final MethodHandle SCHED_GETPARAM = handle("sched_getparam",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    /** int setpriority(int which, id_t who, int prio) */
    private static final MethodHandle SETPRIORITY = handle("setpriority",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    /** int mlockall(int flags) */
    private static final MethodHandle MLOCKALL = handle("mlockall", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

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
            MemorySegment state = Libc.newCaptureState(arena);
            MemorySegment param = arena.allocate(JAVA_INT);
            param.set(JAVA_INT, 0, priority);
            int rc = (int) SCHED_SETSCHEDULER.invokeExact(state, tid, policy.number(), param);
            return rc == 0 ? SchedulingResult.ok(call) : SchedulingResult.failed(call, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Sets the calling thread's nice value (-20..19); lowering it needs CAP_SYS_NICE. */
    public static SchedulingResult setCurrentThreadNice(int nice) {
        String call = "setpriority(PRIO_PROCESS, 0, " + nice + ")";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCaptureState(arena);
            int rc = (int) SETPRIORITY.invokeExact(state, PRIO_PROCESS, 0, nice);
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
            MemorySegment state = Libc.newCaptureState(arena);
            int rc = (int) MLOCKALL.invokeExact(state, MCL_CURRENT | MCL_FUTURE);
            return rc == 0 ? SchedulingResult.ok(call) : SchedulingResult.failed(call, Libc.errno(state));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The calling thread's policy and static priority, as the kernel holds them. */
    public static ThreadSchedule currentThread() throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCaptureState(arena);
            int policy = (int) SCHED_GETSCHEDULER.invokeExact(state, 0);
            if (policy < 0) {
                throw NativeException.of("sched_getscheduler(0)", Libc.errno(state), null);
            }
            MemorySegment param = arena.allocate(JAVA_INT);
            if ((int) SCHED_GETPARAM.invokeExact(state, 0, param) != 0) {
                throw NativeException.of("sched_getparam(0)", Libc.errno(state), null);
            }
            return new ThreadSchedule(SchedulingPolicy.ofNumber(policy), param.get(JAVA_INT, 0));
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    private static MethodHandle handle(String name, FunctionDescriptor d) {
        MemorySegment fn = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no " + name));
        return LINKER.downcallHandle(fn, d, ERRNO);
    }

    /** A thread's policy and static priority, as sched_getscheduler/sched_getparam report them. */
    public record ThreadSchedule(SchedulingPolicy policy, int priority) {
    }
}
