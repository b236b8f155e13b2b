package io.keepalived4j.config.schema;

import java.util.List;

/** VRRP blocks: trackers, sync groups, instances (features.md sections 6-10). */
final class VrrpKeywords {

    private VrrpKeywords() {
    }

    static List<BlockSpec> specs() {
        return List.of(
                BlockSpec.builder("vrrp_instance").value("state", "interface", "virtual_router_id", "priority", "advert_int")
                        .block("authentication", "authentication").items("virtual_ipaddress").build(),
                BlockSpec.builder("authentication").value("auth_type", "auth_pass").build(),
                BlockSpec.builder("vrrp_sync_group").items("group").build(),
                BlockSpec.builder("vrrp_script").value("script", "interval", "weight").build(),
                BlockSpec.builder("track_file").value("file", "weight", "init_file").build(),
                BlockSpec.builder("vrrp_track_process").value("process", "weight").build());
    }
}
