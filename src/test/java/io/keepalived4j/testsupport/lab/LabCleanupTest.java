package io.keepalived4j.testsupport.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.keepalived4j.testsupport.Exec;
import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.Root;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lab's shutdown hook, in a JVM of its own that is stopped the way surefire stops a hung fork. */
class LabCleanupTest {

    @Test
    void sigtermToTheJvmKillsKeepalivedAndRemovesTheLabNobodyClosed() throws Exception {
        Root.assumeRootOrFailOnCi();
        LabTools.assumeInstalledOrFailOnCi(List.of("ip", KeepalivedProcess.BINARY.toString()));
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Leaker.class.getName())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine(); // "<lab id> <keepalived pid>"
            assertThat(ready).as("child JVM output").isNotNull().matches("[0-9a-f]{6} \\d+");
            String id = ready.split(" ")[0];
            long keepalived = Long.parseLong(ready.split(" ")[1]);
            assertThat(ProcessHandle.of(keepalived)).isPresent();

            jvm.destroy(); // SIGTERM: the JVM runs its shutdown hooks

            assertThat(jvm.waitFor(20, TimeUnit.SECONDS)).as("child JVM exited").isTrue();
            assertThat(deadOrZombie(keepalived)).as("keepalived VRRP child %d is dead", keepalived).isTrue();
            assertThat(host("ip", "netns", "list")).doesNotContain(id);
        } finally {
            // SIGTERM first even when an assertion failed early: SIGKILL would skip the hook and leak the lab.
            jvm.destroy();
            if (!jvm.waitFor(20, TimeUnit.SECONDS)) {
                jvm.destroyForcibly();
            }
        }
    }

    // A killed child whose parent died too waits as a zombie until PID 1 reaps it; it runs no code.
    private static boolean deadOrZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true; // no such process
        }
    }

    private static String host(String... argv) {
        ExecResult r = Exec.run(List.of(argv), Duration.ofSeconds(5));
        assertThat(r.ok()).as("%s", r).isTrue();
        return r.stdout();
    }

    /** Opens a lab with a running keepalived and never closes anything. */
    static final class Leaker {
        public static void main(String[] args) throws InterruptedException {
            Lab lab = Lab.create("lb1");
            KeepalivedProcess keepalived = KeepalivedProcess.start(lab.host("lb1"), """
                    vrrp_instance VI_1 {
                        interface eth0
                        virtual_router_id 51
                        priority 100
                        advert_int 1
                        virtual_ipaddress {
                            %s/24 dev eth0
                        }
                    }
                    """.formatted(lab.vip4(1).getHostAddress()));
            // The VRRP child, not the parent: it is the one that would go on sending adverts.
            System.out.println(lab.id() + " " + vrrpChildPid(keepalived));
            System.out.flush();
            Thread.sleep(Duration.ofSeconds(60));
        }

        private static long vrrpChildPid(KeepalivedProcess keepalived) {
            return Long.parseLong(keepalived.log().await("Starting VRRP child process, pid=", Duration.ofSeconds(5))
                    .replaceAll(".*pid=(\\d+).*", "$1"));
        }
    }
}
