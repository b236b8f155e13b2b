package io.keepalived4j.vrrp.engine;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.SyncGroup;
import io.keepalived4j.config.model.TrackFile;
import io.keepalived4j.config.model.TrackProcess;
import io.keepalived4j.config.model.TrackRef;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.model.VrrpScript;

import java.util.ArrayList;
import java.util.List;

/**
 * Which trackers each instance of a configuration follows, with what weight: its own interface
 * (down means FAULT, as in keepalived), track_interface and track_script, its sync group's
 * trackers included. The simulator and the daemon both feed tracker results through these.
 */
public final class ConfiguredTrackers {

    /** What a tracker watches. */
    public enum Kind {
        /** The instance's own interface: down means FAULT. */
        OWN_INTERFACE,
        TRACK_INTERFACE,
        SCRIPT,
        /** track_file: the number in the file times the weight. */
        FILE,
        /** vrrp_track_process: up while the process quorum is met. */
        PROCESS
    }

    /**
     * One instance's use of one tracker.
     *
     * @param instance index of the instance in the configuration
     * @param kind     what is watched
     * @param source   the interface or vrrp_script name that reports
     * @param weight   0: down means FAULT
     * @param reverse  the weight applies the other way round
     */
    public record Binding(int instance, Kind kind, String source, int weight, boolean reverse) {
        /** A track_file's status for the number read from its file. */
        public TrackerStatus fileStatus(long value) {
            return new TrackerStatus.FileValue(source, value, weight, reverse);
        }

        /** The status the instance's tracker set keeps for it (own interface and track_interface kept apart). */
        public TrackerStatus status(boolean up) {
            String name = kind == Kind.OWN_INTERFACE ? "interface(" + source + ")" : source;
            return new TrackerStatus.UpDown(name, up, weight, reverse);
        }

        public boolean watchesInterface() {
            return kind == Kind.OWN_INTERFACE || kind == Kind.TRACK_INTERFACE;
        }
    }

    private ConfiguredTrackers() {
    }

    /** Every binding of the configuration, instance by instance. */
    public static List<Binding> of(KeepalivedConfig config) {
        List<VrrpInstance> instances = config.vrrp().instances();
        List<String> names = instances.stream().map(VrrpInstance::name).toList();
        List<Binding> out = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            VrrpInstance vi = instances.get(i);
            String iface = vi.interfaceName().isEmpty() ? config.global().defaultInterface() : vi.interfaceName();
            out.add(new Binding(i, Kind.OWN_INTERFACE, iface, 0, false));
            bind(out, i, vi.trackScripts(), vi.trackInterfaces(), config);
            bindFiles(out, i, vi.trackFiles(), config);
            for (TrackRef ref : vi.trackProcesses()) {
                int weight = ref.weight() != null ? ref.weight() : config.vrrp().trackProcesses().stream()
                        .filter(p -> p.name().equals(ref.name())).mapToInt(TrackProcess::weight).findFirst().orElse(0);
                out.add(new Binding(i, Kind.PROCESS, ref.name(), weight, ref.reverse()));
            }
        }
        for (SyncGroup g : config.vrrp().syncGroups()) {
            for (String member : g.members()) {
                int i = names.indexOf(member);
                if (i >= 0) {
                    bind(out, i, g.trackScripts(), g.trackInterfaces(), config);
                    bindFiles(out, i, g.trackFiles(), config);
                }
            }
        }
        return List.copyOf(out);
    }

    private static void bind(List<Binding> out, int instance, List<TrackRef> scripts, List<TrackRef> interfaces,
                             KeepalivedConfig c) {
        for (TrackRef ref : scripts) {
            VrrpScript s = c.vrrp().scripts().stream().filter(x -> x.name().equals(ref.name())).findFirst().orElse(null);
            int weight = ref.weight() != null ? ref.weight() : s == null ? 0 : s.weight();
            boolean reverse = ref.weight() != null ? ref.reverse() : s != null && s.reverse();
            out.add(new Binding(instance, Kind.SCRIPT, ref.name(), weight, reverse));
        }
        for (TrackRef ref : interfaces) {
            out.add(new Binding(instance, Kind.TRACK_INTERFACE, ref.name(), ref.weight() == null ? 0 : ref.weight(),
                    ref.reverse()));
        }
    }

    private static void bindFiles(List<Binding> out, int instance, List<TrackRef> files, KeepalivedConfig c) {
        for (TrackRef ref : files) {
            long weight = ref.weight() != null ? ref.weight() : c.vrrp().trackFiles().stream()
                    .filter(f -> f.name().equals(ref.name())).mapToLong(TrackFile::weight).findFirst().orElse(1);
            out.add(new Binding(instance, Kind.FILE, ref.name(), (int) weight, ref.reverse()));
        }
    }

    /** keepalived starts a script one success away from up, or down with init_fail. */
    public static RiseFall initialScriptState(VrrpScript s) {
        return RiseFall.initial(s.rise(), s.fall(), s.initFail());
    }
}
