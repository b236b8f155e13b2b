package io.keepalived4j.config.crossnode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a node's keepalived.conf text for tests: one global_defs and one or more vrrp_instance
 * blocks with sensible defaults that individual tests override, so each test shows only what it
 * changes.
 */
final class ConfText {

    private String routerId;
    private final List<Instance> instances = new ArrayList<>();

    static ConfText node(String routerId) {
        ConfText c = new ConfText();
        c.routerId = routerId;
        return c;
    }

    /** Adds an instance VI_1-like with the defaults below, then applies {@code edits}. */
    ConfText instance(String name, java.util.function.Consumer<Instance> edits) {
        Instance i = new Instance(name);
        edits.accept(i);
        instances.add(i);
        return this;
    }

    ConfText instance(java.util.function.Consumer<Instance> edits) {
        return instance("VI_1", edits);
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        if (routerId != null) {
            sb.append("global_defs {\n    router_id ").append(routerId).append("\n}\n");
        }
        for (Instance i : instances) {
            sb.append("vrrp_instance ").append(i.name).append(" {\n");
            for (Map.Entry<String, String> e : i.lines.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                if (e.getValue().startsWith("{")) {
                    sb.append("    ").append(e.getKey()).append(" {\n");
                    for (String item : e.getValue().substring(1).split(";")) {
                        if (!item.isBlank()) {
                            sb.append("        ").append(item.strip()).append('\n');
                        }
                    }
                    sb.append("    }\n");
                } else {
                    sb.append("    ").append(e.getKey()).append(e.getValue().isEmpty() ? "" : " " + e.getValue()).append('\n');
                }
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    /** 1-based line of the first line whose first word is {@code keyword} (after {@code from}, if given). */
    static int lineOf(String text, String keyword) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.equals(keyword) || t.startsWith(keyword + " ")) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + keyword + " in\n" + text);
    }

    /** The keyword lines of one vrrp_instance, in order; null values are left out. */
    static final class Instance {
        private final String name;
        private final Map<String, String> lines = new LinkedHashMap<>();

        private Instance(String name) {
            this.name = name;
            lines.put("state", "BACKUP");
            lines.put("interface", "eth0");
            lines.put("virtual_router_id", "51");
            lines.put("priority", "100");
            lines.put("advert_int", "1");
            lines.put("authentication", "{auth_type PASS; auth_pass secret1");
            lines.put("virtual_ipaddress", "{10.0.0.100/24");
        }

        /** Sets a keyword's value ("" for a flag such as nopreempt, null to remove the line). */
        Instance set(String keyword, String value) {
            lines.put(keyword, value);
            return this;
        }

        /** A block: items separated by ';'. */
        Instance block(String keyword, String... items) {
            lines.put(keyword, "{" + String.join(";", items));
            return this;
        }
    }
}
