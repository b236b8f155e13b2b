package io.keepalived4j.demo;

import io.keepalived4j.testsupport.Exec;
import io.keepalived4j.testsupport.ExecResult;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code keepalived4j demo} end to end, as root, in a child JVM. */
class DemoCommandTest {

    private static final Duration IP = Duration.ofSeconds(10);

    @Test
    void ctrlCDuringTheDemoLeavesNoNamespaceLinkVipOrProcess() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (DemoChild demo = DemoChild.start("--keep-running")) {
            assertThat(demo.awaitOutput("lb1 MASTER", Duration.ofSeconds(60))).as(demo.output()).isTrue();
            List<Long> pids = demo.daemonPids();
            assertThat(pids).as(demo.output()).hasSize(2);
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
            Matcher heading = demo.heading();

            ExecResult kill = Exec.run(List.of("kill", "-INT", Long.toString(demo.process().pid())), IP);
            assertThat(kill.ok()).as(kill.stderr()).isTrue();
            Integer status = demo.awaitExit(Duration.ofSeconds(30));

            assertThat(status).as(demo.output()).isEqualTo(130); // 128 + SIGINT, after the shutdown hooks ran
            assertLeftNothing(heading.group(1), heading.group(2), pids, demo);
        }
    }

    @Test
    void scriptedDemoShowsElectionFailoverAndRecoveryThenCleansUp() throws Exception {
        Root.assumeRootOrFailOnCi();
        try (DemoChild demo = DemoChild.start()) {
            Integer status = demo.awaitExit(Duration.ofSeconds(240));
            String out = demo.output();

            assertThat(status).as(out).isZero();
            // Election, balancing with a real server lost and back, host death (lb2 takes over with
            // the persistent clients), preemption, graceful stop, restart: in this order.
            assertThat(out).as(out).containsSubsequence(
                    "lb1 MASTER", "lb1 holds", "(lb1)",
                    "long connection (WebSocket-style)", "web server killed", "lb1 removed [", "kept echoing",
                    "web server restarted", "lb1 added [",
                    "cable pulled", "lb1 FAULT", "lb2 MASTER", "lb2 holds", "(lb2)",
                    "4 of 4 persistent sources reached the same real server through lb2",
                    "cable plugged back", "lb1 MASTER", "lb2 BACKUP", "(lb1)",
                    "SIGTERM to keepalived4j on lb1", "lb2 MASTER", "(lb2)",
                    "restarting keepalived4j on lb1", "lb1 MASTER", "(lb1)",
                    "Summary", "demo: election, load balancing, failover with persistence, recovery all seen.");
            assertThat(out).doesNotContain("did NOT happen");
            Matcher heading = demo.heading();
            assertLeftNothing(heading.group(1), heading.group(2), demo.daemonPids(), demo);
        }
    }

    private static void assertLeftNothing(String id, String vip, List<Long> pids, DemoChild demo) {
        String output = demo.output();
        assertThat(Files.exists(demo.workDir())).as("work dir " + demo.workDir()).isFalse();
        ExecResult ns = Exec.run(List.of("ip", "netns", "list"), IP);
        assertThat(ns.stdout()).as(output).doesNotContain("k4j-demo-" + id);
        ExecResult links = Exec.run(List.of("ip", "-o", "link"), IP);
        assertThat(links.stdout()).as(output).doesNotContain("k4jd" + id);
        ExecResult addrs = Exec.run(List.of("ip", "-o", "addr"), IP);
        assertThat(addrs.stdout()).as(output).doesNotContain(" " + vip + "/");
        assertThat(pids).as(output).isNotEmpty()
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isEmpty());
    }
}
