package io.keepalived4j.config.schema;

import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.build.CheckerPlugins;

import java.util.ArrayList;
import java.util.List;

/**
 * LVS blocks: virtual servers, real servers, health checkers (features.md sections 11-12), as
 * keepalived 2.2.7's check_parser.c installs them. The checkers' own tables come from their
 * plug-ins in the build package (STYLE.md rule 7: checkers own their keywords), which is why this
 * schema class looks into {@code config.build}.
 */
final class LvsKeywords {

    private LvsKeywords() {
    }

    static List<BlockSpec> specs() {
        List<BlockSpec> specs = new ArrayList<>();
        specs.add(virtualServerGroup());
        specs.add(virtualServer());
        specs.add(realServer());
        specs.add(BlockSpec.builder("SSL").value("password", "ca", "certificate", "key").build());
        specs.addAll(CheckerPlugins.specs());
        return specs;
    }

    /**
     * The lines of a group are addresses ({@code 10.0.0.1 80}, {@code 10.0.0.2-5 80}) that no
     * keyword table can list: the root table should declare {@code virtual_server_group} as
     * ITEMS (free-form lines, read by VirtualServerGroupBuilder). While it is declared BLOCK, only
     * {@code fwmark} lines pass the schema.
     */
    private static BlockSpec virtualServerGroup() {
        return BlockSpec.builder("virtual_server_group").value("fwmark").build();
    }

    private static BlockSpec virtualServer() {
        return BlockSpec.builder("virtual_server")
                .value("ip_family", "retry", "delay_before_retry", "warmup", "connect_timeout", "delay_loop",
                        "inhibit_on_failure", "lvs_sched", "lvs_method", "hashed", "ops", "flag-1", "flag-2", "flag-3",
                        "sh-port", "sh-fallback", "mh-port", "mh-fallback", "persistence_engine", "persistence_timeout",
                        "persistence_granularity", "protocol", "ha_suspend", "smtp_alert", "virtualhost", "snmp_name",
                        "alpha", "omega", "quorum_up", "quorum_down", "quorum", "hysteresis", "weight", "sorry_server",
                        "sorry_server_inhibit", "sorry_server_lvs_method")
                // keepalived 2.2.7 accepts the old names without a word (check_parser.c installs both).
                .deprecated("lb_algo", "lvs_sched", KaStatus.NONE)
                .deprecated("lb_kind", "lvs_method", KaStatus.NONE)
                .block("real_server", "real_server")
                .build();
    }

    private static BlockSpec realServer() {
        BlockSpec.Builder b = BlockSpec.builder("real_server")
                .value("weight", "lvs_method", "uthreshold", "lthreshold", "inhibit_on_failure", "notify_up",
                        "notify_down", "alpha", "retry", "delay_before_retry", "warmup", "connect_timeout", "delay_loop",
                        "smtp_alert", "virtualhost", "snmp_name");
        for (String checker : CheckerPlugins.keywords()) {
            if (checker.equals("BFD_CHECK")) {
                b.unsupported(checker, Shape.BLOCK, checker, "BFD is not supported; the block is only checked");
            } else {
                b.block(checker, checker);
            }
        }
        return b.build();
    }
}
