package io.keepalived4j.cli;

import io.keepalived4j.config.ConfigLoader;
import io.keepalived4j.config.LoadOptions;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.vrrp.sim.ConfiguredHosts;
import io.keepalived4j.vrrp.sim.Segment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    @Option(names = "--track", paramLabel = "NODE:TRACKER=up|down@TIME",
            description = "a track_script or track_interface of the node goes up or down (e.g. lb1:chk_nginx=down@5s)")
    List<String> tracks = new ArrayList<>();

    /** One scheduled event; {@code tracker} and {@code up} only for "track". */
    private record Step(long at, String kind, int node, String tracker, boolean up) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> names = new ArrayList<>();
        List<KeepalivedConfig> configs = new ArrayList<>();
        for (Path file : files) {
            names.add(file.getFileName().toString().replaceFirst("\\.conf$", ""));
            KeepalivedConfig c = ConfigLoader.load(file, LoadOptions.withConfigId(configId)).model();
            if (c == null) {
                err.println("simulate: cannot read " + file);
                return 4;
            }
            configs.add(c);
        }
        ConfiguredHosts plan = ConfiguredHosts.of(configs);
        List<Step> steps = new ArrayList<>();
        try {
            kills.forEach(k -> steps.add(step("kill", k, names)));
            stops.forEach(k -> steps.add(step("stop", k, names)));
            starts.forEach(k -> steps.add(step("start", k, names)));
            for (String t : tracks) {
                steps.add(trackStep(t, names, plan));
            }
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
        steps.sort((a, b) -> Long.compare(a.at(), b.at()));
        long end = micros(duration);
        TreeMap<Long, List<String>> timeline = new TreeMap<>();
        Segment seg = Segment.ofHosts(plan.hosts(), new SplittableRandom(seed));
        seg.setTransitionListener((at, node, instance, from, to) -> timeline.computeIfAbsent(at, k -> new ArrayList<>())
                .add(String.format(Locale.ROOT, "%-8s %-12s %s -> %s", names.get(node), instance, from, to)));
        seg.setLog(line -> {
            // "<micros> host <n> <keepalived's line>": keep the lines that explain a transition.
            String[] parts = line.split(" ", 4);
            if (parts[3].contains("Changing effective priority") || parts[3].contains("Syncing instances")) {
                timeline.computeIfAbsent(Long.parseLong(parts[0]), k -> new ArrayList<>())
                        .add(String.format(Locale.ROOT, "%-8s %s", names.get(Integer.parseInt(parts[2])), parts[3]));
            }
        });
        seg.startAll();
        for (Step s : steps) {
            seg.runUntil(s.at());
            timeline.computeIfAbsent(s.at(), k -> new ArrayList<>()).add(String.format(Locale.ROOT, "%-8s %s",
                    names.get(s.node()), switch (s.kind()) {
                        case "kill" -> "host dies";
                        case "stop" -> "keepalived stops (priority 0 advert)";
                        case "track" -> s.tracker() + (s.up() ? " up" : " down");
                        default -> "starts";
                    }));
            switch (s.kind()) {
                case "kill" -> seg.kill(s.node());
                case "stop" -> seg.stop(s.node());
                case "track" -> plan.trackers(s.node(), s.tracker(), s.up())
                        .forEach(c -> seg.track(s.node(), c.instance(), c.status()));
                default -> seg.start(s.node());
            }
        }
        seg.runUntil(end);
        timeline.forEach((at, lines) -> lines.forEach(l -> out.printf(Locale.ROOT, "%10.6f s  %s%n", at / 1e6, l)));
        out.flush();
        return 0;
    }

    /** NODE:TRACKER=up|down@TIME. */
    private static Step trackStep(String spec, List<String> names, ConfiguredHosts plan) {
        int colon = spec.indexOf(':');
        int eq = spec.indexOf('=');
        int atSign = spec.lastIndexOf('@');
        if (colon < 0 || eq < colon || atSign < eq) {
            throw new IllegalArgumentException("--track wants NODE:TRACKER=up|down@TIME, e.g. lb1:chk_nginx=down@5s, not " + spec);
        }
        Step node = step("track", spec.substring(0, colon) + spec.substring(atSign), names);
        String tracker = spec.substring(colon + 1, eq);
        String state = spec.substring(eq + 1, atSign);
        if (!state.equals("up") && !state.equals("down")) {
            throw new IllegalArgumentException("--track " + spec + ": the state must be up or down, not " + state);
        }
        if (!plan.tracks(node.node(), tracker)) {
            throw new IllegalArgumentException("--track " + spec + ": no instance of " + names.get(node.node())
                    + " tracks '" + tracker + "' (track_script or track_interface)");
        }
        return new Step(node.at(), "track", node.node(), tracker, state.equals("up"));
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
        return new Step(micros(spec.substring(atSign + 1)), kind, index, null, false);
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
}
