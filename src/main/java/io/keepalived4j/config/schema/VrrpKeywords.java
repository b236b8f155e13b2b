package io.keepalived4j.config.schema;

import io.keepalived4j.config.KaStatus;

import java.util.List;

/**
 * VRRP blocks: trackers, sync groups, instances (features.md sections 6-10), as keepalived
 * 2.2.7's vrrp_parser.c installs them.
 */
final class VrrpKeywords {

    private VrrpKeywords() {
    }

    static List<BlockSpec> specs() {
        return List.of(instance(), authentication(), syncGroup(), script(), trackFile(), trackProcess());
    }

    private static BlockSpec instance() {
        return BlockSpec.builder("vrrp_instance")
                .value("state", "interface", "vrf", "virtual_router_id", "priority", "advert_int", "version",
                        "mcast_src_ip", "unicast_src_ip", "mcast_dst_ip", "unicast_ttl", "unicast_fault_no_peer",
                        "check_unicast_src", "old_unicast_checksum", "v3_checksum_as_v2", "no_virtual_ipaddress",
                        "promote_secondaries", "accept", "no_accept", "nopreempt", "preempt", "preempt_delay",
                        "skip_check_adv_addr", "strict_mode", "garp_master_delay", "garp_master_repeat",
                        "garp_master_refresh", "garp_master_refresh_repeat", "garp_lower_prio_delay",
                        "garp_lower_prio_repeat", "garp_extra_if", "down_timer_adverts", "lower_prio_no_advert",
                        "higher_prio_send_advert", "owner_ignore_adverts", "timer_expired_backup", "dont_track_primary",
                        "track_src_ip", "use_vmac", "use_vmac_addr", "vmac_xmit_base", "use_ipvlan", "notify_master",
                        "notify_backup", "notify_fault", "notify_stop", "notify_deleted", "notify_master_rx_lower_pri",
                        "notify", "notify_priority_changes", "smtp_alert", "kernel_rx_buf_size", "debug")
                .block("authentication", "authentication")
                .items("virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes", "virtual_rules",
                        "unicast_peer", "track_interface", "track_script", "track_file", "track_process")
                // Silent in 2.2.7 (probe 187): the family now follows the VIPs.
                .deprecated("native_ipv6", "(nothing: the address family follows the VIPs)", KaStatus.NONE)
                // 2.2.7 warns about these (probes 185, 186, 191).
                .deprecated("lvs_sync_daemon_interface", "global lvs_sync_daemon", KaStatus.GENERAL_ERROR)
                .deprecated("linkbeat_use_polling", "linkbeat_interfaces", KaStatus.GENERAL_ERROR)
                .deprecated("vmac_garp_intvl", "garp_extra_if", KaStatus.GENERAL_ERROR)
                .since24("auth_hmac", Shape.ITEMS, null)
                // keepalived 2.3.3: 2.2.7 reports it as an unknown keyword (probe 389); we run it.
                .since24("owner_ignore_adverts", Shape.VALUE, null)
                .unsupported("track_bfd", Shape.ITEMS, null, "BFD is not supported")
                .build();
    }

    private static BlockSpec authentication() {
        return BlockSpec.builder("authentication").value("auth_type", "auth_pass").build();
    }

    private static BlockSpec syncGroup() {
        return BlockSpec.builder("vrrp_sync_group")
                .items("group", "track_interface", "track_script", "track_file", "track_process")
                .value("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify", "smtp_alert",
                        "notify_priority_changes", "sync_group_tracking_weight")
                // 2.2.7: "(G1) global_tracking is deprecated. Use track_interface/script/file on the sync group" (probe 189).
                .deprecated("global_tracking", "track_interface/track_script/track_file on the sync group",
                        KaStatus.GENERAL_ERROR)
                .unsupported("track_bfd", Shape.ITEMS, null, "BFD is not supported")
                .build();
    }

    private static BlockSpec script() {
        return BlockSpec.builder("vrrp_script")
                .value("script", "interval", "timeout", "weight", "rise", "fall", "user", "init_fail")
                .build();
    }

    private static BlockSpec trackFile() {
        return BlockSpec.builder("track_file").value("file", "weight", "init_file").build();
    }

    private static BlockSpec trackProcess() {
        return BlockSpec.builder("vrrp_track_process")
                .value("process", "param_match", "weight", "quorum", "quorum_max", "fork_delay", "terminate_delay",
                        "delay", "full_command")
                .build();
    }
}
