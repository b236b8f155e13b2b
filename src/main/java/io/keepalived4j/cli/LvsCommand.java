package io.keepalived4j.cli;

import io.keepalived4j.daemon.LvsDump;
import io.keepalived4j.lb.proxy.IpvsadmFormat;
import io.keepalived4j.os.Libc;
import io.keepalived4j.os.process.ProcessGroups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code keepalived4j lvs [--stats|--rate]}: the running daemon's load-balancer table as
 * {@code ipvsadm -ln} prints IPVS's, whichever data plane it runs. Sends the daemon SIGUSR2 (found
 * through its pid file), waits for the fresh {@code keepalived4j.lvs} dump and prints the listing
 * asked for. {@code --kernel} reads the kernel's IPVS table itself, as ipvsadm does.
 */
@Command(name = "lvs", description = "Print the running daemon's load-balancer table like ipvsadm -ln "
        + "(signals it with SIGUSR2 and reads its keepalived4j.lvs dump)")
public final class LvsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--stats", description = "Counters: connections, packets, bytes (ipvsadm --stats)")
    boolean stats;

    @Option(names = "--rate", description = "Rates per second (ipvsadm --rate)")
    boolean rate;

    @Option(names = "-n", description = "Numeric output (always; accepted for ipvsadm's muscle memory)")
    boolean numeric;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "The daemon's pid file (default "
            + "/run/keepalived.pid, then /run/keepalived_checkers.pid)")
    Path pidFile;

    @Option(names = "--dump", paramLabel = "FILE", description = "Where the daemon writes the table (default "
            + "$TMPDIR or /tmp, /" + LvsDump.FILE_NAME + "; beside stats_dump_file when that is set)")
    Path dump;

    @Option(names = "--no-signal", description = "Print the last dump without signalling the daemon")
    boolean noSignal;

    @Option(names = "--kernel", description = "Read the kernel's IPVS table directly, as ipvsadm does (no daemon "
            + "needed)")
    boolean kernel;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (stats && rate) {
            err.println("keepalived4j lvs: --stats and --rate are exclusive");
            return 2;
        }
        IpvsadmFormat.View view = stats ? IpvsadmFormat.View.STATS : rate ? IpvsadmFormat.View.RATE : IpvsadmFormat.View.LIST;
        if (kernel) {
            try (io.keepalived4j.lb.ipvs.GenlIpvsKernel k = io.keepalived4j.lb.ipvs.GenlIpvsKernel.open()) {
                out.print(io.keepalived4j.lb.ipvs.IpvsListingFormat.format(k.info(), k.list(), view));
                return 0;
            } catch (io.keepalived4j.lb.ipvs.IpvsException e) {
                err.println("keepalived4j lvs: " + e.getMessage());
                return 1;
            }
        }
        Path file = dump != null ? dump : defaultDump();
        if (!noSignal) {
            long pid = daemonPid(err);
            if (pid <= 0) {
                return 1;
            }
            FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
            if (!ProcessGroups.signalProcess(pid, Libc.SIGUSR2)) {
                err.println("keepalived4j lvs: no process " + pid + " (stale pid file?)");
                return 1;
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!Files.exists(file) || Files.getLastModifiedTime(file).compareTo(before) <= 0) {
                if (System.nanoTime() > deadline) {
                    err.println("keepalived4j lvs: the daemon (pid " + pid + ") wrote no " + file
                            + " within 5 s: does it run virtual servers (IPVS or the userspace proxy)?");
                    return 1;
                }
                Thread.sleep(20);
            }
        }
        if (!Files.exists(file)) {
            err.println("keepalived4j lvs: no " + file);
            return 1;
        }
        out.print(section(Files.readAllLines(file), view));
        return 0;
    }

    static String section(List<String> lines, IpvsadmFormat.View view) {
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (String l : lines) {
            if (l.startsWith("==== ")) {
                in = l.equals(LvsDump.section(view));
                continue;
            }
            if (in) {
                b.append(l).append('\n');
            }
        }
        return b.toString();
    }

    private static Path defaultDump() {
        String tmp = System.getenv("TMPDIR");
        return (tmp != null && tmp.startsWith("/") ? Path.of(tmp) : Path.of("/tmp")).resolve(LvsDump.FILE_NAME);
    }

    private long daemonPid(PrintWriter err) throws IOException {
        List<Path> candidates = pidFile != null ? List.of(pidFile)
                : List.of(Path.of("/run/keepalived.pid"), Path.of("/run/keepalived_checkers.pid"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                String text = Files.readString(p).strip();
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    err.println("keepalived4j lvs: " + p + " holds no pid");
                    return -1;
                }
            }
        }
        err.println("keepalived4j lvs: no pid file (" + candidates + "): is the daemon running? (--pid-file)");
        return -1;
    }
}
