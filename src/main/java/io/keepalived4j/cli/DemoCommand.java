package io.keepalived4j.cli;

import io.keepalived4j.demo.DemoRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code keepalived4j demo}: the seed tutorials' two-director setup, live, in throw-away network
 * namespaces (root and iproute2 required). Shows election, failover and recovery as a timeline
 * and removes everything it created, also on Ctrl-C.
 */
@Command(name = "demo",
        description = {"Build the seed tutorials' topology (2 load balancers, 2 real servers, a client) in network "
                + "namespaces, run two keepalived4j nodes with seed 004's repaired config, and show election, "
                + "failover and recovery as a live timeline. Everything it creates is removed, also on Ctrl-C.",
                "",
                "Requires root and iproute2 (ip, ip netns), sysctl and bash. Nothing is sent outside the demo's "
                + "own namespaces: the bridge lives in a namespace of its own, never on the host."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--keep-running", description = "after the script, keep the nodes running until Ctrl-C")
    boolean keepRunning;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help message")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        if (!isRoot()) {
            spec.commandLine().getErr().println("keepalived4j demo: must run as root (it creates network namespaces); try sudo.");
            return 1;
        }
        return DemoRunner.run(spec.commandLine().getOut(), keepRunning);
    }

    // The effective uid (second field of "Uid:"), the one the kernel checks for CAP_SYS_ADMIN.
    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).strip().split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
