package io.keepalived4j.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.JavaChild;
import io.keepalived4j.testsupport.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Each test runs on a fresh platform thread, so the policy it sets dies with that thread and the
 * test JVM's own threads never become real-time; the kernel's view is read back from
 * /proc/thread-self/stat (fields 40 rt_priority and 41 policy, proc(5)).
 */
class RealtimeSchedulingTest {

    /** Runs {@code body} on a new platform thread and rethrows what it threw. */
    private static <T> T onFreshThread(ThrowingSupplier<T> body) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("k4j-rt-test").start(() -> {
            try {
                out.set(body.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.join(10_000);
        if (failure.get() instanceof Exception e) {
            throw e;
        } else if (failure.get() instanceof Error e) {
            throw e;
        }
        return out.get();
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    /** {rt_priority, policy} of the calling thread as /proc reports them. */
    private static int[] procSched() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
        // f[0] is field 3, so field 40 is f[37] and field 41 is f[38].
        return new int[] {Integer.parseInt(f[37]), Integer.parseInt(f[38])};
    }

    @Test
    void roundRobinPriorityIsSetOnTheCallingThreadOnlyAndCanBeRestored() throws Exception {
        Root.assumeRootOrFailOnCi();
        int[] mainBefore = procSched();
        int[][] seen = onFreshThread(() -> {
            SchedulingResult set = RealtimeScheduling.setCurrentThread(SchedulingPolicy.RR, 17);
            assertThat(set.applied()).as(set.message()).isTrue();
            assertThat(RealtimeScheduling.currentThread())
                    .isEqualTo(new RealtimeScheduling.ThreadSchedule(SchedulingPolicy.RR, 17));
            int[] during = procSched();
            SchedulingResult restore = RealtimeScheduling.setCurrentThread(SchedulingPolicy.OTHER, 0);
            assertThat(restore.applied()).as(restore.message()).isTrue();
            return new int[][] {during, procSched()};
        });
        assertThat(seen[0]).containsExactly(17, SchedulingPolicy.RR.number());
        assertThat(seen[1]).containsExactly(0, SchedulingPolicy.OTHER.number());
        assertThat(procSched()).containsExactly(mainBefore);
        assertThat(mainBefore[1]).isNotEqualTo(SchedulingPolicy.RR.number());
    }

    @Test
    void fifoIsReportedByTheKernelAsFifo() throws Exception {
        Root.assumeRootOrFailOnCi();
        int[] seen = onFreshThread(() -> {
            assertThat(RealtimeScheduling.setCurrentThread(SchedulingPolicy.FIFO, 1).applied()).isTrue();
            return procSched();
        });
        assertThat(seen).containsExactly(1, SchedulingPolicy.FIFO.number());
    }

    @Test
    void outOfRangePriorityIsEinvalNotApplied() throws Exception {
        SchedulingResult r = onFreshThread(() -> RealtimeScheduling.setCurrentThread(SchedulingPolicy.RR, 100));
        assertThat(r.status()).isEqualTo(SchedulingResult.Status.FAILED);
        assertThat(r.errno()).isEqualTo(22);
        assertThat(r.message()).contains("sched_setscheduler(0, SCHED_RR, 100)").contains("EINVAL");
    }

    @Test
    void niceIsPerThread() throws Exception {
        Root.assumeRootOrFailOnCi();
        String mainNice = niceField();
        String[] seen = onFreshThread(() -> {
            assertThat(RealtimeScheduling.setCurrentThreadNice(7).applied()).isTrue();
            return new String[] {niceField()};
        });
        assertThat(seen[0]).isEqualTo("7");
        assertThat(niceField()).isEqualTo(mainNice);
    }

    /** Field 19 (nice) of /proc/thread-self/stat. */
    private static String niceField() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ")[16];
    }

    @Test
    void withoutCapSysNiceItIsNotPermittedWithAHint() {
        Root.assumeRootOrFailOnCi();
        try (JavaChild child = JavaChild.start(List.of("setpriv", "--bounding-set=-sys_nice"), RealtimeSchedulingProbe.class)) {
            assertThat(child.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(child.output())
                    .contains("STATUS=NOT_PERMITTED")
                    .contains("EPERM")
                    .contains("CAP_SYS_NICE")
                    .contains("NOW=ThreadSchedule[policy=OTHER, priority=0]");
        }
    }

    @Test
    void mlockallSucceedsAsRoot() throws Exception {
        Root.assumeRootOrFailOnCi();
        // Process-wide and not undone here: the surefire fork is short-lived, and a locked test
        // JVM behaves the same. Run in a child so the test JVM stays unlocked.
        try (JavaChild child = JavaChild.start(List.of(), MlockProbe.class)) {
            assertThat(child.waitFor(Duration.ofSeconds(30))).isZero();
            assertThat(child.output()).contains("mlockall(MCL_CURRENT|MCL_FUTURE): ok").containsPattern("VmLck:\\s+[1-9]");
        }
    }
}
