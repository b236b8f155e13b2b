package io.keepalived4j.config.build;

import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.TrackRef;
import io.keepalived4j.config.syntax.Node;
import io.keepalived4j.config.syntax.Token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tracker references ({@code NAME [weight W [reverse|noreverse]]}) and notify script lines, read
 * as keepalived 2.2.7 reads them (vrrp_track.c alloc_track_if/_script/_process/_bfd and
 * track_file.c alloc_track_file): the name must already be defined when the line is read (a
 * vrrp_script written after the instance that tracks it is "not found"), a name is tracked once,
 * the word after the name can only be {@code weight}, and each kind has its own range and its own
 * idea of what a bad fourth word costs.
 */
final class TrackLines {

    static final List<String> NOTIFY_KEYWORDS = List.of("notify_master", "notify_backup", "notify_fault", "notify_stop",
            "notify_deleted", "notify_master_rx_lower_pri", "notify");

    /**
     * What a reference names. {@code label} is the word keepalived's messages use for it, {@code limit}
     * the largest accepted |weight|, {@code clamp254} whether +/-254 is accepted and turned into
     * +/-253 with a complaint, {@code dropOnBadOption} whether a bad fourth word drops the reference
     * (it is only ignored otherwise).
     */
    enum Kind {
        INTERFACE("track_interface", "track_interface", 254, true, false),
        SCRIPT("track script", "track_script", 254, true, false),
        FILE("track file", "track_file", 254, false, true),
        PROCESS("track process", "track_process", 254, false, false),
        BFD("track bfd", "track_bfd", 253, false, true);

        final String label;
        final String keyword;
        final long limit;
        final boolean clamp254;
        final boolean dropOnBadOption;

        Kind(String label, String keyword, long limit, boolean clamp254, boolean dropOnBadOption) {
            this.label = label;
            this.keyword = keyword;
            this.limit = limit;
            this.clamp254 = clamp254;
            this.dropOnBadOption = dropOnBadOption;
        }
    }

    private TrackLines() {
    }

    /**
     * The references of one ITEMS block of {@code owner} (an instance or sync group name).
     *
     * @param defined the names of this kind defined so far, or null when any name is accepted
     *                (interfaces: whether one exists is a question for the host)
     * @param into    references already read (an earlier block of the same kind), to find duplicates
     */
    static void read(Kind kind, String owner, List<Node> lines, Set<String> defined, List<TrackRef> into,
                     BuildReport report) {
        String tag = "(" + owner + ")";
        Set<String> seen = new HashSet<>();
        into.forEach(r -> seen.add(r.name()));
        for (Node line : lines) {
            String name = line.keyword();
            if (defined != null && !defined.contains(name)) {
                report.error(line, "unknown-" + kind.keyword.replace('_', '-'), tag + " " + kind.label + " " + name
                        + " not found, ignoring...", "define it before the block that tracks it");
                continue;
            }
            if (!seen.add(name)) {
                report.error(line, "duplicate-track", tag + " duplicate " + kind.keyword + " " + name + " - ignoring",
                        "track each " + kind.label.replace("track ", "").replace("track_", "") + " once");
                continue;
            }
            Integer weight = null;
            boolean reverse = false;
            List<String> args = line.args();
            if (!args.isEmpty()) {
                if (!args.get(0).equals("weight")) {
                    report.error(line, "bad-track-option", optionMessage(kind, tag, name, args.get(0)),
                            "write: " + name + " [weight W [reverse]]");
                    continue;
                }
                if (args.size() == 1) {
                    report.error(line, "bad-track-option", tag + " weight without value specified for " + kind.keyword
                            .replace("track_script", "track script").replace("track_process", "track process")
                            .replace("track_file", "track file").replace("track_bfd", "track bfd") + " " + name
                            + " - ignoring", "write: " + name + " weight W");
                    continue;
                }
                KeepalivedNumbers.Result r = KeepalivedNumbers.signed(args.get(1), -kind.limit, kind.limit);
                if (!r.accepted()) {
                    report.error(line, "bad-value", badWeightMessage(kind, tag, name, args.get(1)), r.problem());
                    weight = kind == Kind.INTERFACE ? Integer.valueOf(0) : null;
                } else if (kind.clamp254 && Math.abs(r.value()) == 254) {
                    report.error(line, "bad-value", tag + " weight for " + name + " cannot be +/-254. Setting to +/-253",
                            "use -253..253");
                    weight = r.value() < 0 ? -253 : 253;
                } else {
                    weight = (int) r.value();
                }
                if (args.size() >= 3) {
                    String option = args.get(2);
                    boolean known = option.equals("reverse") || (kind != Kind.INTERFACE && option.equals("noreverse"));
                    if (known) {
                        reverse = option.equals("reverse");
                    } else {
                        report.error(line, "bad-track-option", weightOptionMessage(kind, tag, name, option),
                                "the word after the weight can be 'reverse'");
                        if (kind.dropOnBadOption) {
                            continue;
                        }
                    }
                }
            }
            into.add(new TrackRef(name, weight, reverse, line.position()));
        }
    }

    private static String optionMessage(Kind kind, String tag, String name, String option) {
        return switch (kind) {
            case INTERFACE -> tag + " unknown track_interface " + name + " option " + option + " - ignoring";
            case BFD -> tag + " unknown track bfd " + name + " option " + option + " - ignoring";
            default -> tag + " unknown " + kind.label + " option " + option + " - ignoring";
        };
    }

    private static String badWeightMessage(Kind kind, String tag, String name, String value) {
        return switch (kind) {
            case INTERFACE -> tag + " weight " + value + " for " + name + " must be between [-253..253] inclusive. Ignoring...";
            case SCRIPT -> tag + " track script " + name + ": weight must be between [-253..253] inclusive, ignoring...";
            case BFD -> tag + " weight for track bfd " + name + " must be in [-253..253] inclusive. Ignoring...";
            default -> tag + " weight for " + kind.label + " " + name + " must be in [-254..254] inclusive. Ignoring...";
        };
    }

    private static String weightOptionMessage(Kind kind, String tag, String name, String option) {
        return switch (kind) {
            // keepalived 2.2.7's own spelling.
            case INTERFACE -> tag + " unknown track_interace " + name + " weight option " + option + " - ignoring";
            case SCRIPT -> tag + " unknown track_script " + name + " weight option " + option + " - ignoring";
            case PROCESS -> tag + " unknown track_process " + name + " weight option " + option + " - ignoring";
            default -> tag + " unknown " + kind.label + " " + name + " weight option " + option + " - ignoring";
        };
    }

    /**
     * notify_* keywords of a block, by event name ("master", "backup", ..., "notify"), read as
     * {@code KEYWORD "CMD ARGS" [USER [GROUP]]} ({@link LvsScripts#notify}: an unquoted
     * {@code notify_master /bin/x arg} runs /bin/x as user "arg"). The first of each wins: keepalived
     * 2.2.7 ignores a second one with "notify_master script already specified". A bare
     * notify_deleted only asks for the deleted notification and names no script.
     */
    static Map<String, Script> notifyScripts(Fields f, String owner, BuildReport report) {
        Map<String, Script> scripts = new LinkedHashMap<>();
        Set<String> given = new HashSet<>();
        if (f.node().children() == null) {
            return scripts;
        }
        for (Node n : f.node().children()) {
            String kw = n.keyword();
            if (!NOTIFY_KEYWORDS.contains(kw)) {
                continue;
            }
            String event = kw.equals("notify") ? "notify" : kw.substring("notify_".length());
            if (!given.add(kw)) {
                String what = kw.equals("notify_deleted") ? "notify_deleted" : kw + " script";
                report.error(n, "duplicate-notify", alreadySpecified(f, owner, what, n), "keep one " + kw + " line");
                continue;
            }
            if (n.argCount() == 0) {
                if (!kw.equals("notify_deleted")) {
                    report.require(n, 1);
                }
                continue;
            }
            scripts.put(event, LvsScripts.notify(n));
        }
        return scripts;
    }

    private static String alreadySpecified(Fields f, String owner, String what, Node n) {
        String value = n.argCount() > 0 ? n.arg(0) : "";
        return f.node().keyword().equals("vrrp_sync_group")
                ? "vrrp group " + owner + ": " + what + " already specified - ignoring " + value
                : "(" + owner + ") " + what + " already specified - ignoring " + value;
    }

    /**
     * vrrp_script's {@code script}: a quoted first word is the whole command line. keepalived 2.2.7
     * runs only the first word and ignores the others; we keep an unquoted command's arguments.
     */
    static Script script(Node n, int from) {
        List<Token> words = n.words().subList(from + 1, n.words().size());
        if (words.isEmpty()) {
            return new Script("", "", "", n.position());
        }
        if (words.getFirst().quoted()) {
            String user = words.size() > 1 ? words.get(1).text() : "";
            String group = words.size() > 2 ? words.get(2).text() : "";
            return new Script(words.getFirst().text(), user, group, n.position());
        }
        StringBuilder cmd = new StringBuilder();
        for (Token t : words) {
            if (!cmd.isEmpty()) {
                cmd.append(' ');
            }
            cmd.append(t.text());
        }
        return new Script(cmd.toString(), "", "", n.position());
    }

    /** The references as a list, for callers that read one block. */
    static List<TrackRef> read(Kind kind, String owner, List<Node> lines, Set<String> defined, BuildReport report) {
        List<TrackRef> refs = new ArrayList<>();
        read(kind, owner, lines, defined, refs, report);
        return refs;
    }
}
