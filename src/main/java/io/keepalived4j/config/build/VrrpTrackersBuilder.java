package io.keepalived4j.config.build;

import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.TrackFile;
import io.keepalived4j.config.model.TrackProcess;
import io.keepalived4j.config.model.VrrpScript;
import io.keepalived4j.config.syntax.Node;

import java.util.Optional;

/** vrrp_script, track_file and vrrp_track_process blocks, with keepalived's defaults (features.md section 6). */
final class VrrpTrackersBuilder {

    private VrrpTrackersBuilder() {
    }

    /** A tracker's {@code weight W [reverse]}. */
    private record Weight(long value, boolean reverse) {
    }

    private static Weight weight(Fields f, BuildReport report, long dflt, long min, long max, String badFormat) {
        Optional<Node> w = f.last("weight");
        if (w.isEmpty() || !report.require(w.get(), 1)) {
            return new Weight(dflt, false);
        }
        long value = dflt;
        KeepalivedNumbers.Result r = KeepalivedNumbers.signed(w.get().arg(0), min, max);
        if (r.accepted()) {
            value = r.value();
        } else {
            report.error(w.get(), "bad-value", String.format(badFormat, w.get().arg(0)), r.problem());
        }
        return new Weight(value, w.get().argCount() > 1 && w.get().arg(1).equals("reverse"));
    }

    /** Empty when keepalived would remove the script ("No script set for vrrp_script X - removing"). */
    static Optional<VrrpScript> script(Node node, BuildReport report) {
        Fields f = Fields.of(node, report.diagnostics());
        Optional<Node> cmd = f.last("script");
        if (cmd.isEmpty() || cmd.get().argCount() == 0) {
            report.error(node, "no-script", "No script set for vrrp_script " + f.name() + " - removing",
                    "add: script \"/path/to/check arg\"");
            return Optional.empty();
        }
        Script script = TrackLines.script(cmd.get(), 0);
        Optional<Node> user = f.last("user");
        if (user.isPresent() && report.require(user.get(), 1)) {
            // USER [GROUP], as keepalived's set_script_uid_gid() reads them ("user:group" is one user name).
            String group = user.get().argCount() > 1 ? user.get().arg(1) : "";
            script = new Script(script.command(), user.get().arg(0), group, script.position());
        }
        double interval = GlobalDefsBuilder.seconds(f, report, "interval", 1_000, 0, 1);
        double timeout = GlobalDefsBuilder.seconds(f, report, "timeout", 1_000, 0, interval);
        Weight w = weight(f, report, 0, -253, 253, f.name() + ": vrrp script weight %s must be between [-253..253]");
        int rise = (int) GlobalDefsBuilder.integer(f, report, "rise", 1, Integer.MAX_VALUE, 1);
        int fall = (int) GlobalDefsBuilder.integer(f, report, "fall", 1, Integer.MAX_VALUE, 1);
        return Optional.of(new VrrpScript(f.name(), script, interval, timeout, (int) w.value(), w.reverse(), rise, fall,
                f.has("init_fail"), node.position()));
    }

    static Optional<TrackFile> trackFile(Node node, BuildReport report) {
        Fields f = Fields.of(node, report.diagnostics());
        Optional<String> file = f.string("file");
        if (file.isEmpty()) {
            report.error(node, "no-file", "No file set for track_file " + f.name() + " - removing", "add: file \"/path\"");
            return Optional.empty();
        }
        Weight w = weight(f, report, 1, -2_147_483_647L, 2_147_483_647L, "Invalid track_file weight %s");
        Long init = null;
        boolean overwrite = false;
        Optional<Node> in = f.last("init_file");
        if (in.isPresent()) {
            init = 0L;
            for (String a : in.get().args()) {
                if (a.equals("overwrite")) {
                    overwrite = true;
                } else {
                    KeepalivedNumbers.Result r = KeepalivedNumbers.signed(a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    if (r.accepted()) {
                        init = r.value();
                    } else {
                        report.error(in.get(), "bad-value", "track file init value " + a + " is invalid", r.problem());
                    }
                }
            }
        }
        return Optional.of(new TrackFile(f.name(), file.get(), w.value(), w.reverse(), init, overwrite, node.position()));
    }

    static Optional<TrackProcess> trackProcess(Node node, BuildReport report) {
        Fields f = Fields.of(node, report.diagnostics());
        Optional<String> process = f.rest("process").filter(s -> !s.isBlank());
        if (process.isEmpty()) {
            report.error(node, "no-process", "Process name not specified for track_process " + f.name() + " - removing",
                    "add: process NAME");
            return Optional.empty();
        }
        Weight w = weight(f, report, 0, -254, 254, "Invalid track_process weight %s");
        int quorum = (int) GlobalDefsBuilder.integer(f, report, "quorum", 1, 65535, 1);
        int quorumMax = (int) GlobalDefsBuilder.integer(f, report, "quorum_max", 1, 65535, 0);
        return Optional.of(new TrackProcess(f.name(), process.get(), f.string("param_match").orElse(""), (int) w.value(),
                w.reverse(),
                quorum, quorumMax, f.has("full_command"), node.position()));
    }
}
