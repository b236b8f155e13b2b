package io.keepalived4j.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus's text exposition format 0.0.4 (prometheus.io/docs/instrumenting/
 * exposition_formats), for tests: every line is a HELP, a TYPE, another comment, a blank line or a
 * sample, and it fails on the first thing Prometheus would refuse or a linter would flag: a bad
 * metric or label name, a bad escape, a value that is not a float, a TYPE after the family's
 * first sample or given twice, a family whose samples are not together, a repeated series, a
 * repeated label name, an unknown type, a negative counter, a counter whose samples are not named
 * as the family.
 */
final class ExpositionParser {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static final class Family {
        final String name;
        String type = "untyped";
        String help;
        final List<Sample> samples = new ArrayList<>();

        Family(String name) {
            this.name = name;
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final Set<String> series = new HashSet<>();
    private final Set<String> closed = new HashSet<>();
    private final Set<String> typed = new HashSet<>();
    private String current;
    private int lineNo;

    private ExpositionParser() {
    }

    static Map<String, Family> parse(String text) {
        ExpositionParser p = new ExpositionParser();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a line feed");
        }
        for (String line : text.split("\n", -1)) {
            p.lineNo++;
            p.line(line);
        }
        return p.families;
    }

    private void line(String l) {
        if (l.isEmpty()) {
            return;
        }
        if (l.startsWith("#")) {
            String[] w = l.split(" ", 4);
            if (w.length >= 3 && (w[1].equals("HELP") || w[1].equals("TYPE"))) {
                name(w[2]);
                Family f = family(w[2]);
                if (w[1].equals("HELP")) {
                    if (f.help != null) {
                        throw fail("second HELP for " + w[2]);
                    }
                    f.help = unescape(w.length > 3 ? w[3] : "", false);
                } else {
                    if (!f.samples.isEmpty() || typed.contains(w[2])) {
                        throw fail("TYPE for " + w[2] + " after its samples or twice");
                    }
                    String type = w.length > 3 ? w[3] : "";
                    if (!TYPES.contains(type)) {
                        throw fail("unknown type " + type);
                    }
                    f.type = type;
                    typed.add(w[2]);
                }
            }
            return;
        }
        sample(l);
    }

    private void sample(String l) {
        int i = 0;
        while (i < l.length() && l.charAt(i) != '{' && l.charAt(i) != ' ') {
            i++;
        }
        String name = l.substring(0, i);
        name(name);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < l.length() && l.charAt(i) == '{') {
            i++;
            while (l.charAt(i) != '}') {
                int eq = l.indexOf('=', i);
                if (eq < 0) {
                    throw fail("label without '='");
                }
                String label = l.substring(i, eq).strip();
                if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                    throw fail("bad label name '" + label + "'");
                }
                if (eq + 1 >= l.length() || l.charAt(eq + 1) != '"') {
                    throw fail("label value not quoted");
                }
                int j = eq + 2;
                StringBuilder raw = new StringBuilder();
                while (true) {
                    if (j >= l.length()) {
                        throw fail("unterminated label value");
                    }
                    char c = l.charAt(j);
                    if (c == '\\') {
                        raw.append(c).append(l.charAt(j + 1));
                        j += 2;
                        continue;
                    }
                    if (c == '"') {
                        break;
                    }
                    raw.append(c);
                    j++;
                }
                if (labels.put(label, unescape(raw.toString(), true)) != null) {
                    throw fail("label " + label + " twice");
                }
                i = j + 1;
                if (l.charAt(i) == ',') {
                    i++;
                } else if (l.charAt(i) != '}') {
                    throw fail("expected ',' or '}'");
                }
            }
            i++;
        }
        if (i >= l.length() || l.charAt(i) != ' ') {
            throw fail("no value");
        }
        String[] rest = l.substring(i + 1).split(" ");
        if (rest.length > 2 || rest[0].isEmpty()) {
            throw fail("expected a value and at most a timestamp");
        }
        double value = value(rest[0]);
        if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) {
            throw fail("bad timestamp " + rest[1]);
        }
        String familyName = familyOf(name);
        Family f = family(familyName);
        if (current != null && !current.equals(familyName)) {
            closed.add(current);
        }
        if (closed.contains(familyName)) {
            throw fail("samples of " + familyName + " are not together");
        }
        current = familyName;
        if (!series.add(name + labels)) {
            throw fail("series twice: " + name + labels);
        }
        if (f.type.equals("counter")) {
            if (!name.equals(familyName)) {
                throw fail("counter sample " + name + " not named as its family");
            }
            if (value < 0 || Double.isNaN(value)) {
                throw fail("counter " + name + " is " + value);
            }
        }
        f.samples.add(new Sample(name, labels, value));
    }

    /** Histograms and summaries have _bucket/_sum/_count samples; every other sample is its family. */
    private String familyOf(String name) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                Family f = families.get(base);
                if (f != null && (f.type.equals("histogram") || f.type.equals("summary"))) {
                    return base;
                }
            }
        }
        return name;
    }

    private Family family(String name) {
        return families.computeIfAbsent(name, Family::new);
    }

    private void name(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw fail("bad metric name '" + name + "'");
        }
    }

    private double value(String v) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!v.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                    throw fail("bad value " + v);
                }
                yield Double.parseDouble(v);
            }
        };
    }

    /** Label values escape \\, \" and \n; HELP text \\ and \n; nothing else may follow a backslash. */
    private String unescape(String s, boolean label) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                if (c == '\n') {
                    throw fail("raw line feed");
                }
                b.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw fail("trailing backslash");
            }
            char e = s.charAt(i);
            switch (e) {
                case '\\' -> b.append('\\');
                case 'n' -> b.append('\n');
                case '"' -> {
                    if (!label) {
                        throw fail("\\\" in HELP");
                    }
                    b.append('"');
                }
                default -> throw fail("bad escape \\" + e);
            }
        }
        return b.toString();
    }

    private AssertionError fail(String why) {
        return new AssertionError("exposition line " + lineNo + ": " + why);
    }
}
