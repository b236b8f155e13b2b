package io.keepalived4j.config.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this release does with every keyword it accepts: runs it, only parses and checks it, or does
 * not support it (BFD, SNMP, DBus). The one table behind the "not run by this release" notes of
 * {@code -t} and of the daemon's start-up, and behind docs/keyword-status.md, which a test
 * regenerates from it ({@code KeywordStatusPageTest}): the page cannot drift from the code, and a
 * keyword added to the schema without a line here fails that test.
 *
 * <p>Inside virtual_server, real_server, the checkers, SSL and virtual_server_group everything runs
 * but what only the kernel's IPVS acts on (one-packet scheduling, persistence engines, the sorry
 * server's forwarding method), BFD_CHECK, and the checkers' bind_if / fwmark socket options.
 */
public final class KeywordSupport {

    /** What a keyword does in this release. */
    public enum Status {
        RUNS("runs"), PARSED_ONLY("parsed only"), UNSUPPORTED("unsupported");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One keyword of one block, with a note saying what is missing or different, if anything. */
    public record Entry(String block, String keyword, Status status, String note) {
    }

    /**
     * The note of the LVS keywords the userspace proxy has no use for and the IPVS back end passes
     * to the kernel.
     */
    public static final String LVS_NOTE = "IPVS only: the kernel back end passes it on (not reported when the "
            + "daemon runs IPVS); the userspace proxy does not use it";

    /**
     * LVS keywords that are parsed only; every other keyword of the LVS blocks runs (the userspace
     * proxy schedules, persists, limits connections and reports lb_kind, which it does not apply:
     * it always terminates TCP).
     */
    private static final Map<String, Map<String, String>> LVS_PARSED_ONLY = Map.of(
            "virtual_server", withNote(LVS_NOTE, "hashed", "ops", "flag-3", "persistence_engine",
                    "sorry_server_lvs_method", "snmp_name"),
            "real_server", withNote(LVS_NOTE, "snmp_name"));

    /** Checker keywords that need socket options the JDK does not offer; parsed only for now. */
    private static final String SOCKET_OPTION_NOTE = "needs SO_BINDTODEVICE / SO_MARK on the checker's socket, "
            + "which this release does not set";

    private static Map<String, String> withNote(String note, String... keywords) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : keywords) {
            m.put(k, k.equals("snmp_name") ? "SNMP is not supported" : note);
        }
        return Map.copyOf(m);
    }

    private static final KeywordSupport INSTANCE = new KeywordSupport();

    private final Map<String, Map<String, Entry>> explicit = new LinkedHashMap<>();
    private final Set<String> lvsBlocks;

    private KeywordSupport() {
        fill(new Table());
        Set<String> lvs = new java.util.LinkedHashSet<>();
        for (BlockSpec s : LvsKeywords.specs()) {
            lvs.add(s.name());
        }
        lvsBlocks = Set.copyOf(lvs);
    }

    public static KeywordSupport get() {
        return INSTANCE;
    }

    /** The status of {@code keyword} in block {@code block}; empty when the table does not know it. */
    public Optional<Entry> of(String block, String keyword) {
        KeywordSpec spec = Keywords.get().specs().containsKey(block) ? Keywords.get().spec(block).get(keyword) : null;
        if (spec != null && spec.availability() == Availability.UNSUPPORTED) {
            return Optional.of(new Entry(block, keyword, Status.UNSUPPORTED, spec.note()));
        }
        if (block.equals("bfd_instance")) {
            return Optional.of(new Entry(block, keyword, Status.UNSUPPORTED, "BFD is not supported"));
        }
        if (lvsBlocks.contains(block)) {
            return Optional.of(lvsEntry(block, keyword));
        }
        return Optional.ofNullable(explicit.getOrDefault(block, Map.of()).get(keyword));
    }

    private static Entry lvsEntry(String block, String keyword) {
        if (block.equals("BFD_CHECK")) {
            return new Entry(block, keyword, Status.PARSED_ONLY, "BFD is not supported");
        }
        if (keyword.equals("bind_if") || keyword.equals("fwmark") && !block.equals("virtual_server_group")) {
            return new Entry(block, keyword, Status.PARSED_ONLY, SOCKET_OPTION_NOTE);
        }
        String note = LVS_PARSED_ONLY.getOrDefault(block, Map.of()).get(keyword);
        return note != null ? new Entry(block, keyword, Status.PARSED_ONLY, note) : new Entry(block, keyword, Status.RUNS, "");
    }

    /** Whether {@code block} belongs to the health-checker / LVS side. */
    public boolean isLvsBlock(String block) {
        return lvsBlocks.contains(block);
    }

    /** Every keyword of every block of the schema, with its status (UNKNOWN entries are missing lines). */
    public List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        for (BlockSpec s : Keywords.get().specs().values()) {
            for (String kw : s.keywords().keySet()) {
                out.add(of(s.name(), kw).orElse(new Entry(s.name(), kw, null, "")));
            }
        }
        return out;
    }

    /** Builds the table, block by block. */
    private final class Table {
        private String block;

        Table block(String name) {
            block = name;
            return this;
        }

        Table runs(String... keywords) {
            for (String k : keywords) {
                put(new Entry(block, k, Status.RUNS, ""));
            }
            return this;
        }

        Table parsedOnly(String keyword, String note) {
            put(new Entry(block, keyword, Status.PARSED_ONLY, note));
            return this;
        }

        Table unsupported(String keyword, String note) {
            put(new Entry(block, keyword, Status.UNSUPPORTED, note));
            return this;
        }

        private void put(Entry e) {
            if (explicit.computeIfAbsent(e.block(), b -> new LinkedHashMap<>()).put(e.keyword(), e) != null) {
                throw new IllegalStateException("keyword listed twice: " + e.block() + " " + e.keyword());
            }
        }
    }

    // One line per keyword of the VRRP side; the LVS side is handled as a whole above.
    private static void fill(Table t) {
        t.block("root")
                .runs("global_defs", "net_namespace", "static_ipaddress", "static_routes", "static_rules",
                        "vrrp_instance", "vrrp_sync_group", "vrrp_script", "track_file", "vrrp_track_file",
                        "vrrp_track_process")
                .parsedOnly("net_namespace_ipvs", "IPVS is not run by this release")
                .parsedOnly("namespace_with_ipsets", "")
                .parsedOnly("instance", "")
                .parsedOnly("use_pid_dir", "")
                .parsedOnly("child_wait_time", "")
                .parsedOnly("linkbeat_use_polling", "")
                .parsedOnly("linkbeat_interfaces", "")
                .parsedOnly("interface_up_down_delays", "")
                .parsedOnly("track_group", "")
                .parsedOnly("garp_group", "")
                .runs("virtual_server_group", "virtual_server", "SSL");
        t.block("global_defs")
                .runs("router_id", "notification_email_from", "smtp_server", "smtp_helo_name",
                        "smtp_connect_timeout", "smtp_alert", "smtp_alert_vrrp", "no_email_faults", "script_user",
                        "enable_script_security", "set_supplementary_groups", "vrrp_mcast_group4",
                        "vrrp_mcast_group6", "default_interface", "vrrp_version", "vrrp_strict",
                        "vrrp_garp_master_delay", "vrrp_garp_master_repeat", "vrrp_garp_master_refresh",
                        "vrrp_garp_master_refresh_repeat", "vrrp_garp_lower_prio_delay",
                        "vrrp_garp_lower_prio_repeat", "vrrp_garp_interval", "vrrp_gna_interval",
                        "vrrp_down_timer_adverts", "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert",
                        "vrrp_owner_ignore_adverts", "v3_checksum_as_v2", "vrrp_check_unicast_src",
                        "vrrp_notify_priority_changes", "log_unknown_vrids", "notify_fifo", "notify_fifo_script",
                        "vrrp_notify_fifo", "vrrp_notify_fifo_script", "vrrp_priority", "vrrp_no_swap",
                        "vrrp_rt_priority", "vrrp_rlimit_rttime", "umask", "include_check", "state_dump_file",
                        "stats_dump_file", "json_dump_file", "json_version", "notification_email", "vrrp_rlimit_rtime")
                .runs("smtp_alert_checker", "checker_log_all_failures", "no_checker_emails")
                .parsedOnly("startup_script", "")
                .parsedOnly("shutdown_script", "")
                .parsedOnly("startup_script_timeout", "")
                .parsedOnly("shutdown_script_timeout", "")
                .parsedOnly("use_symlink_paths", "")
                .parsedOnly("process_names", "process and thread names are not changed")
                .parsedOnly("process_name", "process and thread names are not changed")
                .parsedOnly("vrrp_process_name", "process and thread names are not changed")
                .parsedOnly("checker_process_name", "process and thread names are not changed")
                .parsedOnly("vrrp_min_garp", "")
                .parsedOnly("vrrp_garp_extra_if", "")
                .parsedOnly("vrrp_skip_check_adv_addr", "")
                .parsedOnly("vrrp_iptables", "no firewall rules are managed (vrrp_strict/no_accept firewall side)")
                .parsedOnly("vrrp_ipsets", "no firewall rules are managed (vrrp_strict/no_accept firewall side)")
                .parsedOnly("nftables", "no firewall rules are managed (vrrp_strict/no_accept firewall side)")
                .parsedOnly("nftables_priority", "no firewall rules are managed (vrrp_strict/no_accept firewall side)")
                .parsedOnly("nftables_counters", "no firewall rules are managed (vrrp_strict/no_accept firewall side)")
                .parsedOnly("nftables_ifindex", "no firewall rules are managed (vrrp_strict/no_accept firewall side)")
                .parsedOnly("nftables_ipvs", "IPVS is not run by this release")
                .parsedOnly("nftables_ipvs_priority", "IPVS is not run by this release")
                .parsedOnly("nftables_ipvs_start_fwmark", "IPVS is not run by this release")
                .parsedOnly("disable_local_igmp", "")
                .parsedOnly("dynamic_interfaces", "")
                .parsedOnly("vrrp_startup_delay", "")
                .parsedOnly("vrrp_delay_after_boot", "")
                .parsedOnly("vmac_prefix", "")
                .parsedOnly("vmac_addr_prefix", "")
                .runs("lvs_sync_daemon")
                .runs("lvs_timeouts")
                .parsedOnly("lvs_flush", LVS_NOTE)
                .parsedOnly("lvs_flush_on_stop", LVS_NOTE)
                .runs("lvs_notify_fifo", "lvs_notify_fifo_script")
                .parsedOnly("fifo_write_vrrp_states_on_reload", "")
                .parsedOnly("max_auto_priority", "")
                .parsedOnly("min_auto_priority_delay", "")
                .parsedOnly("checker_priority", "the checkers run inside the daemon's process, on virtual threads: there is no checker process to tune")
                .parsedOnly("bfd_priority", "BFD is not supported")
                .parsedOnly("checker_no_swap", "the checkers run inside the daemon's process, on virtual threads: there is no checker process to tune")
                .parsedOnly("bfd_no_swap", "BFD is not supported")
                .parsedOnly("checker_rt_priority", "the checkers run inside the daemon's process, on virtual threads: there is no checker process to tune")
                .parsedOnly("bfd_rt_priority", "BFD is not supported")
                .parsedOnly("vrrp_cpu_affinity", "")
                .parsedOnly("checker_cpu_affinity", "the checkers run inside the daemon's process, on virtual threads: there is no checker process to tune")
                .parsedOnly("bfd_cpu_affinity", "BFD is not supported")
                .parsedOnly("checker_rlimit_rttime", "the checkers run inside the daemon's process, on virtual threads: there is no checker process to tune")
                .parsedOnly("bfd_rlimit_rttime", "BFD is not supported")
                .parsedOnly("vrrp_netlink_cmd_rcv_bufs", "netlink buffer sizes are built in")
                .parsedOnly("vrrp_netlink_cmd_rcv_bufs_force", "netlink buffer sizes are built in")
                .parsedOnly("vrrp_netlink_monitor_rcv_bufs", "netlink buffer sizes are built in")
                .parsedOnly("vrrp_netlink_monitor_rcv_bufs_force", "netlink buffer sizes are built in")
                .parsedOnly("lvs_netlink_cmd_rcv_bufs", "IPVS is not run by this release")
                .parsedOnly("lvs_netlink_cmd_rcv_bufs_force", "IPVS is not run by this release")
                .parsedOnly("lvs_netlink_monitor_rcv_bufs", "IPVS is not run by this release")
                .parsedOnly("lvs_netlink_monitor_rcv_bufs_force", "IPVS is not run by this release")
                .parsedOnly("process_monitor_rcv_bufs", "netlink buffer sizes are built in")
                .parsedOnly("process_monitor_rcv_bufs_force", "netlink buffer sizes are built in")
                .parsedOnly("vrrp_rx_bufs_policy", "")
                .parsedOnly("vrrp_rx_bufs_multiplier", "")
                .runs("rs_init_notifies")
                .parsedOnly("random_seed", "")
                .parsedOnly("reload_check_config", "a reload (SIGHUP) always checks the new file first and keeps the running configuration when it fails")
                .parsedOnly("reload_time_file", "scheduled reloads are not in this release")
                .parsedOnly("reload_repeat", "scheduled reloads are not in this release")
                .parsedOnly("reload_file", "a reload reads the -f file again")
                .parsedOnly("config_save_dir", "")
                .parsedOnly("tmp_config_directory", "")
                .parsedOnly("data_use_instance", "")
                .parsedOnly("iproute_usr_dir", "")
                .parsedOnly("iproute_etc_dir", "")
                .parsedOnly("bfd_process_name", "process and thread names are not changed")
                .parsedOnly("lvs_process_name", "deprecated alias of a keyword that is not run")
                .parsedOnly("lvs_flush_onstop", LVS_NOTE)
                .parsedOnly("checker_rlimit_rtime", "deprecated alias of a keyword that is not run")
                .parsedOnly("bfd_rlimit_rtime", "deprecated alias of a keyword that is not run")
                .unsupported("enable_snmp_keepalived", "deprecated name of enable_snmp_vrrp: SNMP is not supported")
                .parsedOnly("vrrp_vmac_garp_intvl", "deprecated alias of a keyword that is not run");
        t.block("track_group")
                .parsedOnly("group", "");
        t.block("garp_group")
                .parsedOnly("garp_interval", "")
                .parsedOnly("gna_interval", "")
                .parsedOnly("interface", "")
                .parsedOnly("interfaces", "");
        t.block("vrrp_instance")
                .runs("state", "interface", "virtual_router_id", "priority", "advert_int", "version", "mcast_src_ip",
                        "unicast_src_ip", "unicast_ttl", "check_unicast_src", "v3_checksum_as_v2", "nopreempt",
                        "preempt", "preempt_delay", "strict_mode", "garp_master_delay", "garp_master_repeat",
                        "garp_master_refresh", "garp_master_refresh_repeat", "garp_lower_prio_delay",
                        "garp_lower_prio_repeat", "down_timer_adverts", "lower_prio_no_advert",
                        "higher_prio_send_advert", "owner_ignore_adverts", "use_vmac", "notify_master",
                        "notify_backup", "notify_fault", "notify_stop", "notify_master_rx_lower_pri", "notify",
                        "notify_priority_changes", "smtp_alert", "authentication", "virtual_ipaddress",
                        "virtual_ipaddress_excluded", "virtual_routes", "virtual_rules", "unicast_peer",
                        "track_interface", "track_script", "track_file", "track_process")
                .parsedOnly("vrf", "")
                .parsedOnly("mcast_dst_ip", "")
                .parsedOnly("unicast_fault_no_peer", "")
                .parsedOnly("old_unicast_checksum", "")
                .parsedOnly("no_virtual_ipaddress", "")
                .parsedOnly("promote_secondaries", "")
                .parsedOnly("accept", "")
                .parsedOnly("no_accept", "")
                .parsedOnly("skip_check_adv_addr", "")
                .parsedOnly("garp_extra_if", "")
                .parsedOnly("timer_expired_backup", "")
                .parsedOnly("dont_track_primary", "")
                .parsedOnly("track_src_ip", "")
                .parsedOnly("use_vmac_addr", "")
                .parsedOnly("vmac_xmit_base", "")
                .parsedOnly("use_ipvlan", "")
                .parsedOnly("notify_deleted", "")
                .parsedOnly("kernel_rx_buf_size", "")
                .parsedOnly("debug", "")
                .parsedOnly("native_ipv6", "")
                .parsedOnly("lvs_sync_daemon_interface", "")
                .parsedOnly("linkbeat_use_polling", "")
                .parsedOnly("vmac_garp_intvl", "deprecated alias of a keyword that is not run")
                .parsedOnly("auth_hmac", "");
        t.block("authentication")
                .runs("auth_type", "auth_pass");
        t.block("vrrp_sync_group")
                .runs("group", "track_interface", "track_script", "track_file", "notify_master", "notify_backup",
                        "notify_fault", "notify_stop", "notify", "smtp_alert")
                .parsedOnly("track_process", "")
                .parsedOnly("notify_priority_changes", "")
                .parsedOnly("sync_group_tracking_weight", "")
                .parsedOnly("global_tracking", "");
        t.block("vrrp_script")
                .runs("script", "interval", "timeout", "weight", "rise", "fall", "user", "init_fail");
        t.block("track_file")
                .runs("file", "weight", "init_file");
        t.block("vrrp_track_process")
                .runs("process", "param_match", "weight", "quorum", "quorum_max", "full_command")
                .parsedOnly("fork_delay", "")
                .parsedOnly("terminate_delay", "")
                .parsedOnly("delay", "");
    }
}
