package io.keepalived4j.cli;

import io.keepalived4j.lb.realserver.RealServerSetup;
import io.keepalived4j.lb.realserver.RealServerState;
import io.keepalived4j.lb.realserver.RealServerStateFile;
import io.keepalived4j.lb.realserver.SystemRealServerHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code keepalived4j realserver --vip ADDR up|down}: an LVS direct-routing real server's set-up
 * ({@link RealServerSetup}: the VIP on {@code lo}, {@code arp_ignore=1}, {@code arp_announce=2}),
 * idempotent, and undone by {@code down}. Prints each change; exit 0 also when there was none.
 */
@Command(name = "realserver", description = "Set up (up) or undo (down) this host as an LVS-DR real server: the VIP "
        + "on lo, arp_ignore=1 and arp_announce=2 (all and lo); idempotent, and down restores what up found")
public final class RealServerCommand implements Callable<Integer> {

    /** What to do. */
    public enum Action { UP, DOWN }

    @Spec
    CommandSpec spec;

    @Option(names = "--vip", required = true, paramLabel = "ADDR", description = "A virtual IP (IPv4 or IPv6); repeatable")
    List<String> vips = new ArrayList<>();

    @Option(names = "--state", paramLabel = "FILE", description = "Where up records what down restores (default "
            + "/run/keepalived4j/realserver.state)")
    Path state = RealServerStateFile.DEFAULT;

    @Parameters(index = "0", paramLabel = "up|down", description = "up: serve the VIPs here; down: undo")
    Action action;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<InetAddress> addresses = new ArrayList<>();
        for (String v : vips) {
            try {
                addresses.add(RealServerSetup.parseVip(v));
            } catch (IllegalArgumentException e) {
                err.println("keepalived4j realserver: --vip " + e.getMessage());
                return 2;
            }
        }
        RealServerStateFile file = new RealServerStateFile(state);
        List<String> changes = new ArrayList<>();
        try (SystemRealServerHost host = SystemRealServerHost.open()) {
            RealServerState s = file.load();
            for (InetAddress vip : addresses) {
                s = action == Action.UP ? RealServerSetup.up(host, s, vip, file, changes::add)
                        : RealServerSetup.down(host, s, vip, file, changes::add);
            }
        } catch (IOException e) {
            changes.forEach(out::println);
            err.println("keepalived4j realserver " + action.name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage()
                    + (e instanceof java.nio.file.AccessDeniedException ? " (run as root)" : ""));
            return 1;
        }
        changes.forEach(out::println);
        if (changes.isEmpty()) {
            out.println(action == Action.UP ? "already up" : "already down");
        }
        return 0;
    }
}
