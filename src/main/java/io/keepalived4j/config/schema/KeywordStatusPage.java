package io.keepalived4j.config.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/keyword-status.md, rendered from {@link KeywordSupport}: for each block, what runs, what is
 * parsed and checked only, and what is not supported.
 */
public final class KeywordStatusPage {

    private KeywordStatusPage() {
    }

    public static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Keyword status\n\n")
                .append("Generated from `config.schema.KeywordSupport` by `KeywordStatusPageTest` (run it with\n")
                .append("`-Dkeyword.status.write=true` to rewrite this page); do not edit by hand.\n\n")
                .append("Every keyword keepalived4j accepts, and what this release does with it:\n\n")
                .append("- **runs**: the daemon acts on it;\n")
                .append("- **parsed only**: accepted and checked by `-t` as keepalived 2.2.7 checks it, but not acted on;\n")
                .append("  `-t` and the daemon's start-up say so for every one a configuration uses;\n")
                .append("- **unsupported**: keepalived has it, keepalived4j never will (BFD, SNMP, DBus): one warning.\n\n");
        Map<String, List<KeywordSupport.Entry>> byBlock = new LinkedHashMap<>();
        int[] counts = new int[3];
        for (KeywordSupport.Entry e : KeywordSupport.get().all()) {
            byBlock.computeIfAbsent(e.block(), k -> new ArrayList<>()).add(e);
            counts[e.status().ordinal()]++;
        }
        b.append("In all: ").append(counts[0]).append(" run, ").append(counts[1]).append(" parsed only, ")
                .append(counts[2]).append(" unsupported.\n\n");
        for (var block : byBlock.entrySet()) {
            b.append("## ").append(block.getKey().equals(Keywords.ROOT) ? "top level" : block.getKey()).append("\n\n")
                    .append("| keyword | status | note |\n|---|---|---|\n");
            for (KeywordSupport.Entry e : block.getValue()) {
                b.append("| `").append(e.keyword()).append("` | ").append(e.status().words()).append(" | ")
                        .append(e.note().replace("|", "\\|")).append(" |\n");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
