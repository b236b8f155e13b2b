package io.keepalived4j.config.schema;

import io.keepalived4j.config.KaStatus;

import java.util.List;

/**
 * Top-level keywords, {@code global_defs} and the static network blocks (features.md sections 2-5),
 * as keepalived 2.2.7's global_parser.c and vrrp_parser.c install them. Deprecated names carry the
 * status 2.2.7 records for them (docs/keepalived-2.2.7-config-test.md section 3).
 */
final class GlobalKeywords {

    private GlobalKeywords() {
    }

    static List<BlockSpec> specs() {
        return List.of(root(), globalDefs(), trackGroup(), garpGroup(), bfdInstance());
    }

    private static BlockSpec root() {
        return BlockSpec.builder(Keywords.ROOT)
                .block("global_defs", "global_defs")
                .value("net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "instance", "use_pid_dir",
                        "child_wait_time", "linkbeat_use_polling")
                .items("linkbeat_interfaces", "static_ipaddress", "static_routes", "static_rules",
                        "interface_up_down_delays")
                .block("track_group", "track_group")
                .block("garp_group", "garp_group")
                .block("vrrp_instance", "vrrp_instance")
                .block("vrrp_sync_group", "vrrp_sync_group")
                .block("vrrp_script", "vrrp_script")
                .block("track_file", "track_file")
                .deprecated("vrrp_track_file", Shape.BLOCK, "track_file", "track_file", KaStatus.NONE)
                .block("vrrp_track_process", "vrrp_track_process")
                .items("virtual_server_group")
                .block("virtual_server", "virtual_server")
                .block("SSL", "SSL")
                .unsupported("bfd_instance", Shape.BLOCK, "bfd_instance", "BFD is not supported; the block is only checked")
                .build();
    }

    private static BlockSpec globalDefs() {
        return BlockSpec.builder("global_defs")
                .value("router_id", "notification_email_from", "smtp_server", "smtp_helo_name", "smtp_connect_timeout",
                        "smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker", "checker_log_all_failures", "no_email_faults",
                        "no_checker_emails", "startup_script", "shutdown_script", "startup_script_timeout",
                        "shutdown_script_timeout", "script_user", "enable_script_security", "set_supplementary_groups",
                        "use_symlink_paths", "process_names", "process_name", "vrrp_process_name", "checker_process_name",
                        "vrrp_mcast_group4", "vrrp_mcast_group6", "default_interface", "vrrp_version", "vrrp_strict",
                        "vrrp_garp_master_delay", "vrrp_garp_master_repeat", "vrrp_garp_master_refresh",
                        "vrrp_garp_master_refresh_repeat", "vrrp_garp_lower_prio_delay", "vrrp_garp_lower_prio_repeat",
                        "vrrp_garp_interval", "vrrp_gna_interval", "vrrp_min_garp", "vrrp_garp_extra_if",
                        "vrrp_down_timer_adverts", "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert",
                        "vrrp_owner_ignore_adverts", "v3_checksum_as_v2", "vrrp_check_unicast_src",
                        "vrrp_skip_check_adv_addr", "vrrp_notify_priority_changes", "vrrp_iptables",
                        "nftables", "nftables_priority", "nftables_counters", "nftables_ifindex", "nftables_ipvs",
                        "nftables_ipvs_priority", "nftables_ipvs_start_fwmark", "disable_local_igmp",
                        "dynamic_interfaces", "vrrp_startup_delay", "vrrp_delay_after_boot", "log_unknown_vrids",
                        "vmac_prefix", "vmac_addr_prefix", "lvs_sync_daemon", "lvs_timeouts", "lvs_flush",
                        "lvs_flush_on_stop", "notify_fifo", "notify_fifo_script", "vrrp_notify_fifo",
                        "vrrp_notify_fifo_script", "lvs_notify_fifo", "lvs_notify_fifo_script",
                        "fifo_write_vrrp_states_on_reload", "max_auto_priority", "min_auto_priority_delay",
                        "vrrp_priority", "checker_priority", "bfd_priority", "vrrp_no_swap", "checker_no_swap",
                        "bfd_no_swap", "vrrp_rt_priority", "checker_rt_priority", "bfd_rt_priority",
                        "vrrp_cpu_affinity", "checker_cpu_affinity", "bfd_cpu_affinity", "vrrp_rlimit_rttime",
                        "checker_rlimit_rttime", "bfd_rlimit_rttime", "vrrp_netlink_cmd_rcv_bufs",
                        "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs",
                        "vrrp_netlink_monitor_rcv_bufs_force", "lvs_netlink_cmd_rcv_bufs",
                        "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
                        "lvs_netlink_monitor_rcv_bufs_force", "process_monitor_rcv_bufs",
                        "process_monitor_rcv_bufs_force", "vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier",
                        "rs_init_notifies", "umask", "random_seed", "reload_check_config", "reload_time_file",
                        "reload_repeat", "reload_file", "include_check", "config_save_dir", "tmp_config_directory",
                        "data_use_instance", "state_dump_file", "stats_dump_file", "json_dump_file", "json_version",
                        "iproute_usr_dir", "iproute_etc_dir", "bfd_process_name")
                // keepalived 2.3.3: 2.2.7 reports it as an unknown keyword (probe 388); we run it.
                .since24("vrrp_owner_ignore_adverts", Shape.VALUE, null)
                .valueOrItems("notification_email")
                // vrrp_ipsets is not listed: Debian's 2.2.7 is built without libipset, so it is unknown there.
                // Accepted silently by 2.2.7 (probes 180-183, 195).
                .deprecated("lvs_process_name", "checker_process_name", KaStatus.NONE)
                .deprecated("lvs_flush_onstop", "lvs_flush_on_stop", KaStatus.NONE)
                .deprecated("vrrp_rlimit_rtime", "vrrp_rlimit_rttime", KaStatus.NONE)
                .deprecated("checker_rlimit_rtime", "checker_rlimit_rttime", KaStatus.NONE)
                .deprecated("bfd_rlimit_rtime", "bfd_rlimit_rttime", KaStatus.NONE)
                .deprecated("enable_snmp_keepalived", "enable_snmp_vrrp", KaStatus.NONE)
                // 2.2.7: Keyword "vrrp_vmac_garp_intvl" is deprecated - please use "vrrp_garp_extra_if" (probe 184).
                .deprecated("vrrp_vmac_garp_intvl", "vrrp_garp_extra_if", KaStatus.GENERAL_ERROR)
                .unsupported("snmp_socket", Shape.VALUE, null, "SNMP is not supported; use the JSON/Prometheus status endpoint")
                .unsupported("enable_traps", Shape.VALUE, null, "SNMP is not supported")
                .unsupported("enable_snmp_vrrp", Shape.VALUE, null, "SNMP is not supported")
                .unsupported("enable_snmp_checker", Shape.VALUE, null, "SNMP is not supported")
                .unsupported("enable_snmp_rfc", Shape.VALUE, null, "SNMP is not supported")
                .unsupported("enable_snmp_rfcv2", Shape.VALUE, null, "SNMP is not supported")
                .unsupported("enable_snmp_rfcv3", Shape.VALUE, null, "SNMP is not supported")
                .unsupported("snmp_vs_stats_update_interval", Shape.VALUE, null, "SNMP is not supported")
                .unsupported("snmp_rs_stats_update_interval", Shape.VALUE, null, "SNMP is not supported")
                .unsupported("enable_dbus", Shape.VALUE, null, "DBus is not supported")
                .unsupported("dbus_service_name", Shape.VALUE, null, "DBus is not supported")
                .unsupported("dbus_no_interface_name", Shape.VALUE, null, "DBus is not supported")
                .build();
    }

    /** bfd_parser.c's keywords (2.2.7 is built with BFD): unknown ones are unknown there too. */
    private static BlockSpec bfdInstance() {
        return BlockSpec.builder("bfd_instance")
                .value("source_ip", "neighbor_ip", "neighbour_ip", "min_rx", "min_tx", "idle_tx", "multiplier", "passive",
                        "ttl", "hoplimit", "max_hops", "weight", "vrrp", "checker")
                .build();
    }

    private static BlockSpec trackGroup() {
        return BlockSpec.builder("track_group").items("group").build();
    }

    private static BlockSpec garpGroup() {
        return BlockSpec.builder("garp_group")
                .value("garp_interval", "gna_interval", "interface")
                .items("interfaces")
                .build();
    }
}
