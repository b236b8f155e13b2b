package io.keepalived4j.config.build;

import io.keepalived4j.config.model.Script;
import io.keepalived4j.config.model.TrackRef;
import io.keepalived4j.config.syntax.Node;
import io.keepalived4j.config.syntax.Token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tracker references ({@code NAME [weight W [reverse|noreverse]]}) and notify script lines. */
final class TrackLines {

    static final List<String> NOTIFY_KEYWORDS = List.of("notify_master", "notify_backup", "notify_fault", "notify_stop",
            "notify_deleted", "notify_master_rx_lower_pri", "notify");

    private TrackLines() {
    }

    /** Every line of an ITEMS block such as {@code track_interface { eth0 weight 10 }}. */
    static List<TrackRef> refs(List<Node> lines, long minWeight, long maxWeight, BuildReport report) {
        List<TrackRef> refs = new ArrayList<>();
        for (Node line : lines) {
            Integer weight = null;
            boolean reverse = false;
            List<String> args = line.args();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("weight") && i + 1 < args.size()) {
                    KeepalivedNumbers.Result r = KeepalivedNumbers.signed(args.get(++i), minWeight, maxWeight);
                    if (r.accepted()) {
                        weight = (int) r.value();
                    } else {
                        report.error(line, "bad-value", "(" + line.keyword() + ") weight " + args.get(i) + " is invalid - ignoring",
                                r.problem());
                    }
                } else if (a.equals("reverse")) {
                    reverse = true;
                } else if (!a.equals("noreverse")) {
                    report.error(line, "bad-value", "Unknown track option '" + a + "' for " + line.keyword() + " - ignoring",
                            "write: NAME [weight W [reverse]]");
                }
            }
            refs.add(new TrackRef(line.keyword(), weight, reverse, line.position()));
        }
        return refs;
    }

    /** notify_* keywords of a block, by event name ("master", "backup", ..., "notify"). */
    static Map<String, Script> notifyScripts(Fields f, BuildReport report) {
        Map<String, Script> scripts = new LinkedHashMap<>();
        for (String kw : NOTIFY_KEYWORDS) {
            f.last(kw).ifPresent(n -> {
                if (report.require(n, 1)) {
                    scripts.put(kw.equals("notify") ? "notify" : kw.substring("notify_".length()), script(n, 0));
                }
            });
        }
        return scripts;
    }

    /** A script keyword's command: a quoted first word is the whole command line; then optional user [group]. */
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
}
