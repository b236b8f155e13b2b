package io.keepalived4j.config.schema;

import java.util.List;

/** Top-level keywords, {@code global_defs} and the static network blocks (features.md sections 2-5). */
final class GlobalKeywords {

    private GlobalKeywords() {
    }

    static List<BlockSpec> specs() {
        return List.of(root(), globalDefs());
    }

    private static BlockSpec root() {
        return BlockSpec.builder(Keywords.ROOT)
                .block("global_defs", "global_defs")
                .value("net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "instance", "use_pid_dir",
                        "child_wait_time", "linkbeat_use_polling")
                .items("linkbeat_interfaces", "static_ipaddress", "static_routes", "static_rules",
                        "interface_up_down_delays")
                .block("vrrp_instance", "vrrp_instance")
                .block("vrrp_sync_group", "vrrp_sync_group")
                .block("vrrp_script", "vrrp_script")
                .block("track_file", "track_file")
                .deprecated("vrrp_track_file", Shape.BLOCK, "track_file", "track_file", io.keepalived4j.config.KaStatus.NONE)
                .block("vrrp_track_process", "vrrp_track_process")
                .items("virtual_server_group")
                .block("virtual_server", "virtual_server")
                .block("SSL", "SSL")
                .unsupported("bfd_instance", Shape.ITEMS, null, "BFD is not supported")
                .build();
    }

    private static BlockSpec globalDefs() {
        return BlockSpec.builder("global_defs")
                .value("router_id")
                .build();
    }
}
