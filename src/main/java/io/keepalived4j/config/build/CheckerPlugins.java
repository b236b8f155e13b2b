package io.keepalived4j.config.build;

import io.keepalived4j.config.schema.BlockSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checker plug-ins, by block keyword. The schema ({@code LvsKeywords}) asks here for the
 * checkers' keyword tables, so adding a checker is adding one class to this list.
 */
public final class CheckerPlugins {

    private static final List<CheckerPlugin> ALL = List.of(CheckerConnectOnly.TCP, CheckerHttp.HTTP, CheckerHttp.SSL,
            CheckerSmtp.INSTANCE, CheckerDns.INSTANCE, CheckerUdp.INSTANCE, CheckerConnectOnly.PING, CheckerMisc.INSTANCE,
            CheckerFile.INSTANCE, CheckerBfd.INSTANCE);

    private static final Map<String, CheckerPlugin> BY_KEYWORD = new LinkedHashMap<>();

    static {
        for (CheckerPlugin p : ALL) {
            BY_KEYWORD.put(p.keyword(), p);
        }
    }

    private CheckerPlugins() {
    }

    /** The checker block keywords, in keepalived's order. */
    public static List<String> keywords() {
        return List.copyOf(BY_KEYWORD.keySet());
    }

    /** Every checker's keyword tables (block and sub-blocks), without duplicates. */
    public static List<BlockSpec> specs() {
        Map<String, BlockSpec> specs = new LinkedHashMap<>();
        for (CheckerPlugin p : ALL) {
            for (BlockSpec s : p.specs()) {
                specs.putIfAbsent(s.name(), s);
            }
        }
        return new ArrayList<>(specs.values());
    }

    static Optional<CheckerPlugin> forKeyword(String keyword) {
        return Optional.ofNullable(BY_KEYWORD.get(keyword));
    }
}
