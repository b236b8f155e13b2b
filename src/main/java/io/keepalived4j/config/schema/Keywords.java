package io.keepalived4j.config.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every block keepalived.conf knows, by spec name. The root spec is {@link #ROOT}. Tables live
 * next to their subsystem: {@link GlobalKeywords} (top level, global_defs, static blocks),
 * {@link VrrpKeywords} (trackers, sync groups, instances), {@link LvsKeywords} (virtual servers,
 * real servers, checkers).
 */
public final class Keywords {

    public static final String ROOT = "root";

    private static final Keywords INSTANCE = new Keywords();

    private final Map<String, BlockSpec> specs;
    private final Map<String, List<String>> blocksByKeyword;

    private Keywords() {
        Map<String, BlockSpec> all = new LinkedHashMap<>();
        for (BlockSpec s : GlobalKeywords.specs()) {
            all.put(s.name(), s);
        }
        for (BlockSpec s : VrrpKeywords.specs()) {
            all.put(s.name(), s);
        }
        for (BlockSpec s : LvsKeywords.specs()) {
            all.put(s.name(), s);
        }
        specs = Collections.unmodifiableMap(all);
        Map<String, List<String>> index = new LinkedHashMap<>();
        for (BlockSpec s : all.values()) {
            for (String kw : s.keywords().keySet()) {
                index.computeIfAbsent(kw, k -> new ArrayList<>()).add(s.name());
            }
        }
        blocksByKeyword = Collections.unmodifiableMap(index);
    }

    public static Keywords get() {
        return INSTANCE;
    }

    public BlockSpec spec(String name) {
        BlockSpec s = specs.get(name);
        if (s == null) {
            throw new IllegalStateException("no keyword table for block " + name);
        }
        return s;
    }

    public BlockSpec root() {
        return spec(ROOT);
    }

    public Map<String, BlockSpec> specs() {
        return specs;
    }

    /** The blocks in which a keyword is valid, for "belongs in another block" hints. */
    public List<String> blocksOf(String keyword) {
        return blocksByKeyword.getOrDefault(keyword, List.of());
    }

    /** Every keyword of every block, sorted: for documentation and tests. */
    public TreeSet<String> allKeywords() {
        return new TreeSet<>(blocksByKeyword.keySet());
    }
}
