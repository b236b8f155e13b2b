package io.keepalived4j.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Prometheus's text exposition format (version 0.0.4): each metric family once, its
 * {@code # HELP} and {@code # TYPE} lines first and all its samples together, label values and
 * help text escaped as the format requires. A family without samples is left out.
 *
 * <pre>{@code
 * Exposition e = new Exposition();
 * e.family("keepalived_up", "gauge", "Status").sample(1);
 * e.family("keepalived_vrrp_state", "gauge", "State of vrrp").sample(2, "iname", "VI_1");
 * String text = e.text();
 * }</pre>
 */
public final class Exposition {

    /** The content type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** The family of this name, created on first use (type and help from the first call). */
    public Family family(String name, String type, String help) {
        return families.computeIfAbsent(name, n -> new Family(n, type, help));
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        for (Family f : families.values()) {
            if (f.samples.isEmpty()) {
                continue;
            }
            b.append("# HELP ").append(f.name).append(' ').append(escapeHelp(f.help)).append('\n')
                    .append("# TYPE ").append(f.name).append(' ').append(f.type).append('\n');
            f.samples.forEach(s -> b.append(s).append('\n'));
        }
        return b.toString();
    }

    /** One metric family. */
    public static final class Family {
        private final String name;
        private final String type;
        private final String help;
        private final List<String> samples = new ArrayList<>();

        private Family(String name, String type, String help) {
            this.name = name;
            this.type = type;
            this.help = help;
        }

        /** A sample with labels given as name, value, name, value... */
        public Family sample(double value, String... labels) {
            if (labels.length % 2 != 0) {
                throw new IllegalArgumentException("labels come in name/value pairs");
            }
            StringBuilder b = new StringBuilder(name);
            if (labels.length > 0) {
                b.append('{');
                for (int i = 0; i < labels.length; i += 2) {
                    if (i > 0) {
                        b.append(',');
                    }
                    b.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
                }
                b.append('}');
            }
            samples.add(b.append(' ').append(number(value)).toString());
            return this;
        }
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    // The format: in label values, backslash, double quote and line feed are escaped...
    static String escapeLabel(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    // ...in help text, only backslash and line feed.
    static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
