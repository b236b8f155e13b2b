package io.keepalived4j.cli;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.vrrp.engine.ConfiguredInstance;
import io.keepalived4j.vrrp.engine.InstanceParameters;
import io.keepalived4j.vrrp.sim.Segment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code keepalived4j simulate lb1.conf lb2.conf --kill lb1@5s}: runs the VRRP instances of
 * several nodes' configurations in a simulated network, in virtual time, and prints who is
 * MASTER when. What keepalived cannot show before deployment.
 */
@Command(name = "simulate", description = "Run several nodes' VRRP instances in a simulated network and print the timeline.")
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "keepalived.conf files, one per node (node name = file name without .conf)")
    List<Path> files;

    @Option(names = "--kill", paramLabel = "NODE@TIME", description = "the node's host dies (e.g. lb1@5s)")
    List<String> kills = new ArrayList<>();

    @Option(names = "--stop", paramLabel = "NODE@TIME", description = "keepalived on the node stops gracefully (SIGTERM)")
    List<String> stops = new ArrayList<>();

    @Option(names = "--start", paramLabel = "NODE@TIME", description = "the node (re)starts")
    List<String> starts = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "30s", description = "virtual time to run (default 30s)")
    String duration;

    @Option(names = "--seed", defaultValue = "1", description = "seed for delivery jitter")
    long seed;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "config id for '@' lines")
    String configId;

    private record Member(int node, VrrpInstance instance) {
    }

    private record Step(long at, String kind, int node) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> names = new ArrayList<>();
        Map<String, List<Member>> groups = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString().replaceFirst("\\.conf$", "");
            names.add(name);
            KeepalivedConfig c = ConfigLoader.load(files.get(i), LoadOptions.withConfigId(configId)).model();
            if (c == null) {
                err.println("simulate: cannot read " + files.get(i));
                return 4;
            }
            for (VrrpInstance vi : c.vrrp().instances()) {
                groups.computeIfAbsent(vi.interfaceName() + "/" + vi.virtualRouterId(), k -> new ArrayList<>())
                        .add(new Member(i, vi));
            }
        }
        List<Step> steps = new ArrayList<>();
        try {
            kills.forEach(k -> steps.add(step("kill", k, names)));
            stops.forEach(k -> steps.add(step("stop", k, names)));
            starts.forEach(k -> steps.add(step("start", k, names)));
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
        steps.sort((a, b) -> Long.compare(a.at(), b.at()));
        long end = micros(duration);
        TreeMap<Long, List<String>> timeline = new TreeMap<>();
        List<Segment> segments = new ArrayList<>();
        List<List<Member>> members = new ArrayList<>();
        for (List<Member> g : groups.values()) {
            List<InstanceParameters> params = new ArrayList<>();
            for (Member m : g) {
                params.add(ConfiguredInstance.parameters(m.instance(), syntheticAddress(m.node())));
            }
            Segment seg = new Segment(params, new SplittableRandom(seed));
            seg.setTransitionListener((at, node, instance, from, to) -> timeline.computeIfAbsent(at, k -> new ArrayList<>())
                    .add(String.format(Locale.ROOT, "%-8s %-12s %s -> %s", names.get(g.get(node).node()),
                            g.get(node).instance().name(), from, to)));
            seg.startAll();
            segments.add(seg);
            members.add(g);
        }
        for (Step s : steps) {
            timeline.computeIfAbsent(s.at(), k -> new ArrayList<>()).add(String.format(Locale.ROOT, "%-8s %s",
                    names.get(s.node()), switch (s.kind()) {
                        case "kill" -> "host dies";
                        case "stop" -> "keepalived stops (priority 0 advert)";
                        default -> "starts";
                    }));
            for (int g = 0; g < segments.size(); g++) {
                segments.get(g).runUntil(s.at());
                for (int idx = 0; idx < members.get(g).size(); idx++) {
                    if (members.get(g).get(idx).node() == s.node()) {
                        switch (s.kind()) {
                            case "kill" -> segments.get(g).kill(idx);
                            case "stop" -> segments.get(g).stop(idx);
                            default -> segments.get(g).start(idx);
                        }
                    }
                }
            }
        }
        segments.forEach(seg -> seg.runUntil(end));
        timeline.forEach((at, lines) -> lines.forEach(l -> out.printf(Locale.ROOT, "%10.6f s  %s%n", at / 1e6, l)));
        out.flush();
        return 0;
    }

    private static Step step(String kind, String spec, List<String> names) {
        int atSign = spec.lastIndexOf('@');
        if (atSign < 0) {
            throw new IllegalArgumentException("--" + kind + " wants NODE@TIME, e.g. lb1@5s, not " + spec);
        }
        String node = spec.substring(0, atSign);
        int index = names.indexOf(node);
        if (index < 0) {
            throw new IllegalArgumentException("unknown node '" + node + "' (nodes: " + String.join(", ", names) + ")");
        }
        return new Step(micros(spec.substring(atSign + 1)), kind, index);
    }

    /** "5s", "500ms", "2.5" (seconds). */
    static long micros(String t) {
        String s = t.strip();
        double factor = 1_000_000;
        if (s.endsWith("ms")) {
            factor = 1_000;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(s) * factor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a time: " + t + " (write e.g. 5s or 500ms)");
        }
    }

    /** Nodes without a configured source address get 10.255.0.N, so ties break by file order. */
    private static InetAddress syntheticAddress(int node) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) 255, 0, (byte) (node + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
