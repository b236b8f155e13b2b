package io.keepalived4j.notify;

import io.keepalived4j.os.process.CommandLine;
import io.keepalived4j.os.process.RunAs;
import io.keepalived4j.os.process.ScriptLauncher;
import io.keepalived4j.testsupport.Root;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessScriptRunnerTest {

    private final ProcessScriptRunner runner = new ProcessScriptRunner(new ScriptLauncher(), Duration.ofMillis(500));

    @TempDir
    Path dir;

    private ScriptResult run(List<String> argv, RunAs who, Duration timeout) throws Exception {
        return runner.run(argv, who, timeout).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void scriptGetsItsArgumentsSplitAsKeepalivedDoesAndReportsItsExitCode() throws Exception {
        Path s = Scripts.write(dir, "args.sh", "out=$1; shift; printf '%s\\n' \"$@\" > \"$out\"; exit 3");
        Path out = dir.resolve("argv.txt");
        List<String> argv = CommandLine.split(s + " " + out + " 'a b' c\\ d \"$HOME\"");
        ScriptResult r = run(argv, RunAs.daemon(), Duration.ofSeconds(10));
        assertThat(r).isEqualTo(ScriptResult.exited(3));
        assertThat(r.succeeded()).isFalse();
        // No shell: "$HOME" reaches the script literally.
        assertThat(Files.readAllLines(out)).containsExactly("a b", "c d", "$HOME");
    }

    @Test
    void zeroExitSucceedsAndDeathBySignalIsReportedAsSignal() throws Exception {
        assertThat(run(List.of(Scripts.write(dir, "ok.sh", "exit 0").toString()), RunAs.daemon(), Duration.ofSeconds(10))
                .succeeded()).isTrue();
        ScriptResult r = run(List.of(Scripts.write(dir, "term.sh", "kill -TERM $$").toString()), RunAs.daemon(),
                Duration.ofSeconds(10));
        assertThat(r).isEqualTo(ScriptResult.killed(15));
    }

    @Test
    void missingExecutableIsExit127NotAnException() throws Exception {
        ScriptResult r = run(List.of(dir.resolve("nope.sh").toString()), RunAs.daemon(), Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(127);
    }

    @Test
    void scriptRunsInItsOwnProcessGroupAndSession() throws Exception {
        Path out = dir.resolve("ids");
        Path s = Scripts.write(dir, "ids.sh", "echo $$ $(ps -o pgid= -p $$) $(ps -o sid= -p $$) > \"$1\"");
        run(List.of(s.toString(), out.toString()), RunAs.daemon(), Duration.ofSeconds(10));
        String[] ids = Files.readString(out).trim().split("\\s+");
        assertThat(ids[1]).as("pgid = pid").isEqualTo(ids[0]);
        assertThat(ids[2]).as("sid = pid").isEqualTo(ids[0]);
    }

    @Test
    void timeoutKillsTheScriptAndEveryProcessItStarted() throws Exception {
        Path childPid = dir.resolve("child.pid");
        Path selfPid = dir.resolve("self.pid");
        Path s = Scripts.write(dir, "hang.sh", "sleep 1000 & echo $! > \"$1\"; echo $$ > \"$2\"; wait");
        ScriptResult r = run(List.of(s.toString(), childPid.toString(), selfPid.toString()), RunAs.daemon(),
                Duration.ofMillis(700));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.signal()).isEqualTo(15);
        assertNoneAlive(Long.parseLong(Files.readString(selfPid).trim()), Long.parseLong(Files.readString(childPid).trim()));
    }

    @Test
    void scriptIgnoringSigtermIsKilledWithItsChildrenAfterTheGrace() throws Exception {
        Path childPid = dir.resolve("child.pid");
        Path selfPid = dir.resolve("self.pid");
        // An ignored signal stays ignored in children: the sleep shrugs off SIGTERM too.
        Path s = Scripts.write(dir, "stubborn.sh",
                "trap '' TERM; sleep 1000 & echo $! > \"$1\"; echo $$ > \"$2\"; while :; do wait; done");
        ScriptResult r = run(List.of(s.toString(), childPid.toString(), selfPid.toString()), RunAs.daemon(),
                Duration.ofMillis(700));
        assertThat(r).isEqualTo(ScriptResult.timeout(9));
        assertNoneAlive(Long.parseLong(Files.readString(selfPid).trim()), Long.parseLong(Files.readString(childPid).trim()));
    }

    @Test
    void scriptUserRunsTheScriptAsNobodyWithoutOurSupplementaryGroups() throws Exception {
        Root.assumeRootOrFailOnCi();
        RunAs nobody = RunAs.lookup("nobody", "", false).orElseThrow();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path out = dir.resolve("id.txt");
        Path s = Scripts.write(dir, "id.sh", "{ id -u; id -g; id -G; } > \"$1\"");
        ScriptResult r = run(List.of(s.toString(), out.toString()), nobody, Duration.ofSeconds(10));
        assertThat(r.succeeded()).isTrue();
        assertThat(Files.readAllLines(out)).containsExactly(Long.toString(nobody.uid()), Long.toString(nobody.gid()),
                Long.toString(nobody.gid()));
    }

    @Test
    void closingTheRunnerStopsRunningScriptsAndRefusesNewOnes() throws Exception {
        ProcessScriptRunner own = new ProcessScriptRunner(new ScriptLauncher(), Duration.ofMillis(500));
        Path childPid = dir.resolve("child.pid");
        Path selfPid = dir.resolve("self.pid");
        Path s = Scripts.write(dir, "long.sh", "sleep 1000 & echo $! > \"$1\"; echo $$ > \"$2\"; wait");
        var pending = own.run(List.of(s.toString(), childPid.toString(), selfPid.toString()), RunAs.daemon(),
                Duration.ofHours(1)).toCompletableFuture();
        Scripts.awaitContent(selfPid, 10_000);
        Scripts.awaitContent(childPid, 10_000);
        own.close();
        assertThat(pending.get(10, TimeUnit.SECONDS)).isEqualTo(ScriptResult.killed(15));
        assertNoneAlive(Long.parseLong(Files.readString(selfPid).trim()), Long.parseLong(Files.readString(childPid).trim()));
        assertThat(own.run(List.of("/bin/true"), RunAs.daemon(), Duration.ofSeconds(1)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS).exitCode()).isEqualTo(ScriptResult.NOT_STARTED);
    }

    private static void assertNoneAlive(long... pids) throws InterruptedException {
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end && (Scripts.alive(pids[0]) || Scripts.alive(pids[1]))) {
            Thread.sleep(20);
        }
        for (long pid : pids) {
            assertThat(Scripts.alive(pid)).as("process %d still running", pid).isFalse();
        }
    }
}
