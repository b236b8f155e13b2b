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
        Weight w = fileWeight(node, f.name(), report);
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
        ProcessSettings p = processSettings(node, f.name(), report);
        return Optional.of(new TrackProcess(f.name(), process.get(), f.string("param_match").orElse(""), p.weight,
                p.reverse, (int) p.quorum, p.quorumMax == KeepalivedNumbers.UINT_MAX ? 0 : (int) p.quorumMax, f.has("full_command"),
                node.position()));
    }

    /**
     * track_file_weight_handler(): the first weight line counts ("Weight already set" after it),
     * in [-254, 254], then an optional {@code reverse}. The default is 1.
     */
    private static Weight fileWeight(Node block, String name, BuildReport report) {
        long weight = 1;
        boolean reverse = false;
        for (Node n : block.children()) {
            if (!n.keyword().equals("weight")) {
                continue;
            }
            if (n.argCount() == 0) {
                report.error(n, "bad-value", "No weight specified for track file " + name + " - ignoring", "write: weight W");
                continue;
            }
            if (weight != 1) {
                report.error(n, "bad-value", "Weight already set for track file " + name + " - ignoring " + n.arg(0),
                        "keep one weight line");
                continue;
            }
            KeepalivedNumbers.Result r = KeepalivedNumbers.signed(n.arg(0), -254, 254);
            if (r.accepted()) {
                weight = r.value();
            } else {
                report.error(n, "bad-value", "Weight (" + n.arg(0) + ") for track_file " + name
                        + " must be between [-254..254] inclusive. Ignoring...", r.problem());
            }
            if (n.argCount() > 1) {
                if (n.arg(1).equals("reverse")) {
                    reverse = true;
                } else {
                    report.error(n, "bad-value", "track_file " + name + " unknown weight option " + n.arg(1),
                            "the word after the weight can be 'reverse'");
                }
            }
        }
        return new Weight(weight, reverse);
    }

    /** What vrrp_track_process' handlers leave: weight, quorum and quorum_max, read in order. */
    private static final class ProcessSettings {
        int weight;
        boolean reverse;
        long quorum = 1;
        long quorumMax = KeepalivedNumbers.UINT_MAX;
    }

    private static ProcessSettings processSettings(Node block, String name, BuildReport report) {
        ProcessSettings p = new ProcessSettings();
        for (Node n : block.children()) {
            switch (n.keyword()) {
                case "weight" -> {
                    if (n.argCount() == 0) {
                        report.error(n, "bad-value", "No weight specified for track process " + name + " - ignoring", "");
                    } else if (p.weight != 0) {
                        report.error(n, "bad-value", "Weight already set for track process " + name + " - ignoring "
                                + n.arg(0), "keep one weight line");
                    } else {
                        KeepalivedNumbers.Result r = KeepalivedNumbers.signed(n.arg(0), -254, 254);
                        if (!r.accepted()) {
                            report.error(n, "bad-value", "Weight (" + n.arg(0) + ") for vrrp_track_process " + name
                                    + " must be between [-254..254] inclusive. Ignoring...", r.problem());
                            continue;
                        }
                        if (n.argCount() > 1) {
                            if (n.arg(1).equals("reverse")) {
                                p.reverse = true;
                            } else {
                                report.error(n, "bad-value", "vrrp_track_process " + name + " unknown weight option "
                                        + n.arg(1), "the word after the weight can be 'reverse'");
                            }
                        }
                        p.weight = (int) r.value();
                    }
                }
                case "quorum" -> {
                    KeepalivedNumbers.Result r = n.argCount() > 0 ? KeepalivedNumbers.unsigned(n.arg(0), 1, 65535) : null;
                    if (r == null || !r.accepted()) {
                        report.error(n, "bad-value", "Quorum (" + (n.argCount() > 0 ? n.arg(0) : "") + ") for vrrp_track_process "
                                + name + " must be between [1..65535] inclusive. Ignoring...", r == null ? "" : r.problem());
                    } else if (r.value() > p.quorumMax) {
                        report.error(n, "bad-value", "Quorum is greater than quorum_max - ignoring", "");
                    } else {
                        p.quorum = r.value();
                    }
                }
                case "quorum_max" -> {
                    KeepalivedNumbers.Result r = n.argCount() > 0 ? KeepalivedNumbers.unsigned(n.arg(0), 0, 65535) : null;
                    if (r == null || !r.accepted()) {
                        report.error(n, "bad-value", "quorum_max (" + (n.argCount() > 0 ? n.arg(0) : "")
                                + ") for vrrp_track_process " + name + " must be between [0..65535] inclusive. Ignoring...",
                                r == null ? "" : r.problem());
                    } else if ((r.value() != 0 || p.quorum > 1) && r.value() < p.quorum) {
                        report.error(n, "bad-value", "quorum_max is less than quorum - ignoring", "");
                    } else {
                        p.quorumMax = r.value();
                        p.quorum = r.value() == 0 ? 0 : Math.max(1, p.quorum);
                    }
                }
                case "param_match" -> {
                    if (n.argCount() > 0 && !n.arg(0).equals("initial") && !n.arg(0).equals("partial")) {
                        report.error(n, "bad-value", "Invalid param_match type " + n.arg(0) + " - ignoring",
                                "use initial or partial");
                    }
                }
                case "delay", "fork_delay", "terminate_delay" -> {
                    KeepalivedNumbers.Result r = n.argCount() > 0 ? KeepalivedNumbers.timer(n.arg(0), 1, 3_600_000_000L) : null;
                    if (r == null || !r.accepted()) {
                        String prefix = n.keyword().equals("delay") ? "" : n.keyword().substring(0, n.keyword().indexOf('_') + 1);
                        report.error(n, "bad-value", prefix + "delay (" + (n.argCount() > 0 ? n.arg(0) : "")
                                + ") for vrrp_track_process " + name + " must be between [0.000001..3600] inclusive."
                                + " Ignoring...", r == null ? "" : r.problem());
                    }
                }
                default -> {
                }
            }
        }
        return p;
    }
}
