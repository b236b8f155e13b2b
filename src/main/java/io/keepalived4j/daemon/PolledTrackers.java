package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.TrackFile;
import io.keepalived4j.config.model.TrackProcess;
import io.keepalived4j.vrrp.engine.ConfiguredTrackers;
import io.keepalived4j.vrrp.engine.TrackerStatus;
import io.keepalived4j.vrrp.engine.VrrpHost;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * track_file and vrrp_track_process at run time: files are read every 250 ms and /proc counted
 * every second, each by a step the {@link Supervisor} runs on its own thread; a change of value or
 * quorum goes to the instances that follow it, on the VRRP loop. (keepalived is event-driven here,
 * inotify and the proc connector; polling bounds the reaction time instead.)
 */
final class PolledTrackers {

    private static final long FILE_POLL_MILLIS = 250;
    private static final long PROCESS_POLL_MILLIS = 1_000;

    private final KeepalivedConfig config;
    private final List<ConfiguredTrackers.Binding> bindings;
    private final ProcessCensus census;
    private final Map<String, Long> fileValues = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Boolean> quorums = new java.util.concurrent.ConcurrentHashMap<>();

    PolledTrackers(KeepalivedConfig config, List<ConfiguredTrackers.Binding> bindings, ProcessCensus census) {
        this.config = config;
        this.bindings = bindings;
        this.census = census;
        files().forEach(TrackedFile::initialise);
    }

    private List<TrackedFile> files() {
        return config.vrrp().trackFiles().stream().filter(f -> used(ConfiguredTrackers.Kind.FILE, f.name()))
                .map(TrackedFile::new).toList();
    }

    private List<TrackProcess> processes() {
        return config.vrrp().trackProcesses().stream().filter(p -> used(ConfiguredTrackers.Kind.PROCESS, p.name())).toList();
    }

    private boolean used(ConfiguredTrackers.Kind kind, String name) {
        return bindings.stream().anyMatch(b -> b.kind() == kind && b.source().equals(name));
    }

    /** The status a binding of a file or process tracker starts with (read now). */
    Optional<TrackerStatus> initial(ConfiguredTrackers.Binding b) {
        return switch (b.kind()) {
            case FILE -> config.vrrp().trackFiles().stream().filter(f -> f.name().equals(b.source())).findFirst()
                    .map(f -> b.fileStatus(fileValues.computeIfAbsent(f.name(), n -> new TrackedFile(f).read().orElse(0))));
            case PROCESS -> config.vrrp().trackProcesses().stream().filter(p -> p.name().equals(b.source())).findFirst()
                    .map(p -> b.status(quorums.computeIfAbsent(p.name(), n -> census.quorumMet(p))));
            default -> Optional.empty();
        };
    }

    /** Starts the pollers that have something to poll on {@code supervisor}'s threads. */
    void start(Supervisor supervisor, VrrpLoop loop, VrrpHost host, FaultHooks faults) {
        List<TrackedFile> files = files();
        List<TrackProcess> processes = processes();
        if (!files.isEmpty()) {
            supervisor.start("k4j-track-files", Thread.NORM_PRIORITY, () -> {
                Thread.sleep(FILE_POLL_MILLIS);
                faults.inTracker("track_file");
                pollFiles(files, loop, host);
            });
        }
        if (!processes.isEmpty()) {
            supervisor.start("k4j-track-processes", Thread.NORM_PRIORITY, () -> {
                Thread.sleep(PROCESS_POLL_MILLIS);
                faults.inTracker("vrrp_track_process");
                pollProcesses(processes, loop, host);
            });
        }
    }

    private void pollFiles(List<TrackedFile> files, VrrpLoop loop, VrrpHost host) {
        for (TrackedFile f : files) {
            java.util.OptionalLong read = f.read();
            if (read.isEmpty()) {
                continue;
            }
            long v = read.getAsLong();
            Long before = fileValues.put(f.name(), v);
            if (before == null || before != v) {
                report(ConfiguredTrackers.Kind.FILE, f.name(), b -> b.fileStatus(v), loop, host);
            }
        }
    }

    private void pollProcesses(List<TrackProcess> processes, VrrpLoop loop, VrrpHost host) {
        for (TrackProcess p : processes) {
            boolean met = census.quorumMet(p);
            Boolean before = quorums.put(p.name(), met);
            if (before == null || before != met) {
                report(ConfiguredTrackers.Kind.PROCESS, p.name(), b -> b.status(met), loop, host);
            }
        }
    }

    private void report(ConfiguredTrackers.Kind kind, String name,
                        java.util.function.Function<ConfiguredTrackers.Binding, TrackerStatus> status, VrrpLoop loop,
                        VrrpHost host) {
        loop.submit(() -> {
            for (ConfiguredTrackers.Binding b : bindings) {
                if (b.kind() == kind && b.source().equals(name)) {
                    host.track(b.instance(), status.apply(b), loop.now());
                }
            }
        });
    }
}
