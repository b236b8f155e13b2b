package io.keepalived4j.config.build;

import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.syntax.Node;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The value checks of keepalived 2.2.7's global_defs handlers (core/global_parser.c) that
 * {@link GlobalDefsBuilder} does not need for the model: process names, timeouts, priorities,
 * lvs_sync_daemon and lvs_timeouts options, firewall and FIFO settings given twice, booleans,
 * umask... Each statement is read in order, as the handler would read it, with its message. Two
 * settings are kept apart from 2.2.7's general build: Debian's keepalived has nftables but no
 * iptables, so {@code vrrp_iptables} is refused with a message (and {@code vrrp_ipsets} is an
 * unknown keyword, see GlobalKeywords).
 */
final class GlobalDefsChecks {

    /** TASK_COMM_LEN - 1. */
    private static final int PROCESS_NAME_MAX = 15;
    /** sched_get_priority_max(SCHED_RR) on Linux. */
    private static final int RT_PRIORITY_MAX = 99;
    private static final long UINT_MAX = KeepalivedNumbers.UINT_MAX;

    private final BuildReport report;
    private final Set<String> once = new HashSet<>();

    private GlobalDefsChecks(BuildReport report) {
        this.report = report;
    }

    static void check(List<Node> roots, BuildReport report) {
        GlobalDefsChecks c = new GlobalDefsChecks(report);
        for (Node root : roots) {
            if (root.keyword().equals("global_defs") && root.isBlock()) {
                root.children().forEach(c::statement);
            }
        }
    }

    private void statement(Node n) {
        String kw = n.keyword();
        switch (kw) {
            case "process_name", "vrrp_process_name", "checker_process_name", "bfd_process_name", "lvs_process_name" -> {
                if (report.require(n, 1) && n.arg(0).length() > PROCESS_NAME_MAX) {
                    error(n, "Process name " + n.arg(0) + " more than " + PROCESS_NAME_MAX + " characters, truncating");
                }
            }
            case "notification_email_from" -> {
                if (n.argCount() == 0) {
                    error(n, "emailfrom missing - ignoring");
                }
            }
            case "notification_email" -> {
                if (n.isBlock() && n.children().stream().allMatch(c -> c.words().isEmpty())) {
                    error(n, "Warning - empty notification_email block");
                }
            }
            case "dynamic_interfaces" -> {
                if (n.argCount() > 0 && !n.arg(0).equals("allow_if_changes")) {
                    error(n, "Unknown dynamic_interfaces option '" + n.arg(0) + "'");
                }
            }
            case "smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker", "vrrp_notify_priority_changes",
                 "rs_init_notifies", "no_checker_emails", "data_use_instance", "vrrp_netlink_cmd_rcv_bufs_force",
                 "vrrp_netlink_monitor_rcv_bufs_force", "process_monitor_rcv_bufs_force",
                 "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs_force" ->
                    bool(n, "Invalid value '" + argOr(n) + "' for global " + kw + " specified");
            case "checker_log_all_failures", "vrrp_min_garp", "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert" ->
                    bool(n, "Invalid value for " + kw + " specified");
            case "startup_script_timeout", "shutdown_script_timeout" -> {
                String type = kw.substring(0, kw.indexOf('_'));
                if (n.argCount() == 0) {
                    error(n, type + "_script_timeout requires value");
                } else {
                    unsigned(n, 1, 1000, type + "_script_timeout '" + n.arg(0) + "' must be in [1, 1000] - ignoring");
                }
            }
            case "max_auto_priority" -> {
                if (n.argCount() > 0) {
                    signed(n, -1, RT_PRIORITY_MAX, "max_auto_priority '" + n.arg(0) + "' must be in [0, " + RT_PRIORITY_MAX
                            + "] (or -1 to disable) - ignoring");
                }
            }
            case "min_auto_priority_delay" -> {
                if (n.argCount() == 0) {
                    error(n, "min_auto_priority_delay requires delay time");
                } else {
                    signed(n, 1, 10_000_000, "min_auto_priority_delay '" + n.arg(0) + "' must be in [1, 10000000] - ignoring");
                }
            }
            case "default_interface" -> {
                if (n.argCount() == 0) {
                    error(n, "default_interface requires interface name");
                }
            }
            case "lvs_timeouts" -> lvsTimeouts(n);
            case "lvs_sync_daemon" -> lvsSyncDaemon(n);
            case "lvs_flush_on_stop", "lvs_flush_onstop" -> {
                if (n.argCount() > 0 && !n.arg(0).equals("VS")) {
                    error(n, "Unknown lvs_flush_on_stop type " + n.arg(0));
                }
            }
            case "vrrp_rt_priority", "checker_rt_priority", "bfd_rt_priority" -> realtimePriority(n, process(kw));
            case "vrrp_priority", "checker_priority", "bfd_priority" -> {
                if (n.argCount() == 0) {
                    error(n, "No " + process(kw) + " process priority specified");
                } else {
                    signed(n, -20, 19, "Invalid " + process(kw) + " process priority specified");
                }
            }
            case "vrrp_rlimit_rttime", "checker_rlimit_rttime", "bfd_rlimit_rttime", "vrrp_rlimit_rtime",
                 "checker_rlimit_rtime", "bfd_rlimit_rtime" -> {
                if (report.require(n, 1)) {
                    unsigned(n, 1, UINT_MAX, "Invalid " + process(kw) + " real-time limit - " + n.arg(0));
                }
            }
            case "vrrp_mcast_group6" -> {
                Optional<InetAddress> a = n.argCount() > 0 ? Values.parseIp(n.arg(0)) : Optional.empty();
                if (a.isPresent() && a.get() instanceof Inet6Address && a.get().isMulticastAddress() && !a.get().isMCLinkLocal()) {
                    report.diagnostics().error(KaStatus.WARNING, n.position(), "bad-value", "vrrp_mcast_group6 [" + n.arg(0)
                            + "] should be link-local multicast.", n.text(), "use ff02::12, the VRRP group");
                }
            }
            case "vrrp_garp_extra_if", "vrrp_vmac_garp_intvl" -> garpExtraIf(n);
            case "vrrp_iptables" -> error(n, "iptables not supported, using nftables instead. Please replace 'vrrp_iptables and"
                    + " 'vrrp_ipsets' with 'nftables' config option");
            case "nftables", "nftables_ipvs" -> {
                String what = kw.equals("nftables") ? "nftables" : "ipvs nftables";
                if (!once.add(kw)) {
                    error(n, what + " already specified - ignoring");
                } else if (n.argCount() > 0 && n.arg(0).length() >= 256) {
                    error(n, what + " table name too long - ignoring");
                }
            }
            case "nftables_priority", "nftables_ipvs_priority", "nftables_ipvs_start_fwmark" -> {
                if (report.require(n, 1)) {
                    KeepalivedNumbers.Result r = KeepalivedNumbers.signed(n.arg(0), Integer.MIN_VALUE, Integer.MAX_VALUE);
                    if (!r.accepted()) {
                        String what = kw.equals("nftables_priority") ? "nftables chain priority"
                                : kw.equals("nftables_ipvs_priority") ? "ipvs nftables chain priority"
                                : "ipvs nftables start_fwmark priority";
                        report.diagnostics().error(KaStatus.INVALID_NUMBER, n.argPosition(0), "bad-value", r.problem(),
                                n.text(), "");
                        report.diagnostics().error(KaStatus.INVALID_NUMBER, n.position(), "bad-value", "invalid " + what + " '"
                                + n.arg(0) + "'", n.text(), "write a number");
                    }
                }
            }
            case "notify_fifo", "vrrp_notify_fifo", "lvs_notify_fifo" -> {
                String type = kw.substring(0, kw.length() - "notify_fifo".length());
                if (n.argCount() == 0) {
                    error(n, "No " + type + "notify_fifo name specified");
                } else if (!once.add(kw)) {
                    error(n, type + "notify_fifo already specified - ignoring " + n.arg(0));
                }
            }
            case "snmp_socket" -> {
                if (n.argCount() > 1) {
                    error(n, "Too many parameters specified for snmp_socket - ignoring");
                } else if (n.argCount() == 0) {
                    error(n, "SNMP error : snmp socket name missing");
                } else if (!once.add(kw)) {
                    error(n, "SNMP socket already set - ignoring");
                }
            }
            case "child_wait_time" -> {
                if (report.require(n, 1)) {
                    unsigned(n, 0, UINT_MAX, "Invalid child_wait_time " + n.arg(0));
                }
            }
            case "vrrp_rx_bufs_policy" -> rxBufsPolicy(n);
            case "vrrp_rx_bufs_multiplier" -> {
                if (n.argCount() != 1) {
                    error(n, "Invalid vrrp_rx_bufs_multiplier");
                } else {
                    unsigned(n, 1, UINT_MAX, "Invalid vrrp_rx_bufs_multiplier " + n.arg(0));
                }
            }
            case "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs", "process_monitor_rcv_bufs",
                 "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_monitor_rcv_bufs" -> {
                String type = kw.substring(0, kw.length() - "_rcv_bufs".length());
                if (n.argCount() == 0) {
                    error(n, type + "_rcv_bufs size missing");
                } else {
                    unsigned(n, 0, UINT_MAX, type + "_rcv_bufs size (" + n.arg(0) + ") invalid");
                }
            }
            case "umask" -> umask(n);
            case "vrrp_startup_delay" -> {
                if (report.require(n, 1)) {
                    KeepalivedNumbers.Result r = KeepalivedNumbers.timer(n.arg(0), 1_000, UINT_MAX);
                    if (!r.accepted() || r.hasProblem()) {
                        number(n, r);
                        error(n, "vrrp_startup_delay '" + n.arg(0) + "' is invalid");
                    }
                }
            }
            case "vmac_prefix", "vmac_addr_prefix" -> {
                if (report.require(n, 1) && !once.add(kw)) {
                    error(n, (kw.equals("vmac_prefix") ? "vmac prefix" : "vmac_addr prefix") + " has already been specified"
                            + " - ignoring " + n.arg(0));
                }
            }
            case "random_seed" -> {
                if (report.require(n, 1)) {
                    unsigned(n, 0, UINT_MAX, "random_seed " + n.arg(0) + " invalid");
                }
            }
            default -> {
            }
        }
    }

    private void lvsTimeouts(Node n) {
        if (n.argCount() < 2) {
            error(n, "lvs_timeouts requires at least one option");
            return;
        }
        List<String> a = n.args();
        for (int i = 0; i < a.size(); i++) {
            String opt = a.get(i);
            if (!opt.equals("tcp") && !opt.equals("tcpfin") && !opt.equals("udp")) {
                error(n, "Unknown option " + opt + " specified for lvs_timeouts");
                continue;
            }
            if (i == a.size() - 1) {
                error(n, "No value specified for lvs_timeout " + opt + " - ignoring");
                continue;
            }
            // LVS_MAX_TIMEOUT: 86400 * 31.
            KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(a.get(++i), 0, 86400L * 31);
            if (!r.accepted()) {
                number(n, r);
                error(n, "Invalid lvs_timeout " + opt + " (" + a.get(i) + ") - ignoring");
            }
        }
    }

    private void lvsSyncDaemon(Node n) {
        if (!once.add("lvs_sync_daemon")) {
            error(n, "lvs_sync_daemon has already been specified - ignoring");
            return;
        }
        if (n.argCount() == 0) {
            error(n, "lvs_sync_daemon requires interface");
            return;
        }
        if (n.arg(0).length() >= 16) {
            error(n, "lvs_sync_daemon interface name '" + n.arg(0) + "' too long - ignoring");
            return;
        }
        List<String> a = n.args();
        boolean instance = false;
        for (int i = 1; i < a.size(); i++) {
            String opt = a.get(i);
            switch (opt) {
                case "inst" -> {
                    if (instance) {
                        error(n, "lvs_sync_daemon vrrp instance has already been specified - ignoring");
                    }
                    instance = true;
                    i++;
                    continue;
                }
                case "id", "maxlen", "port", "ttl", "group" -> {
                    if (i == a.size() - 1) {
                        error(n, opt.equals("id") ? "No value specified for lvs_sync_daemon id, defaulting to vrid"
                                : "No value specified for lvs_sync_daemon " + opt + " - ignoring");
                        continue;
                    }
                    String v = a.get(++i);
                    syncOption(n, opt, v);
                    continue;
                }
                default -> {
                }
            }
            // lvs_sync_daemon IF VRRP_INSTANCE [SYNC_ID], the old form.
            if (i == 1) {
                instance = true;
            } else if (i == 2) {
                KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(opt, 0, 255);
                if (!r.accepted()) {
                    number(n, r);
                    error(n, "Invalid syncid (" + opt + ") - defaulting to vrid");
                } else {
                    error(n, "Please use keyword \"id\" before lvs_sync_daemon SYNCID");
                }
            } else {
                error(n, "Unknown option " + opt + " specified for lvs_sync_daemon");
            }
        }
    }

    private void syncOption(Node n, String opt, String v) {
        if (opt.equals("group")) {
            Optional<InetAddress> g = Values.parseSockaddr(v);
            if (g.isEmpty()) {
                error(n, "Invalid lvs_sync_daemon group (" + v + ") - ignoring");
            } else if (!g.get().isMulticastAddress()) {
                error(n, "lvs_sync_daemon group address " + v + " is not multicast - ignoring");
            }
            return;
        }
        long max = switch (opt) {
            case "id", "ttl" -> 255;
            case "maxlen" -> 65535 - 20 - 8;
            default -> 65535;
        };
        KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(v, opt.equals("id") ? 0 : 1, max);
        if (!r.accepted()) {
            number(n, r);
            error(n, opt.equals("id") ? "Invalid syncid (" + v + ") - defaulting to vrid"
                    : "Invalid lvs_sync_daemon " + opt + " (" + v + ") - ignoring");
        }
    }

    private void realtimePriority(Node n, String process) {
        if (n.argCount() == 0) {
            error(n, "No " + process + " process real-time priority specified");
            return;
        }
        KeepalivedNumbers.Result r = KeepalivedNumbers.signed(n.arg(0), Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (!r.accepted()) {
            error(n, process + " process real-time priority '" + n.arg(0) + "' invalid");
        } else if (r.value() < 1) {
            error(n, process + " process real-time priority " + r.value() + " less than minimum 1 - setting to minimum");
        } else if (r.value() > RT_PRIORITY_MAX) {
            error(n, process + " process real-time priority " + r.value() + " greater than maximum " + RT_PRIORITY_MAX
                    + " - setting to maximum");
        }
    }

    private void garpExtraIf(Node n) {
        long delay = 0;
        for (String a : n.args()) {
            if (a.equals("all")) {
                continue;
            }
            KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(a, 1, 86400);
            if (!r.accepted()) {
                error(n, n.keyword() + " '" + a + "' invalid - ignoring");
                return;
            }
            delay = r.value();
        }
        if (delay == 0) {
            error(n, n.keyword() + " specified without time - ignoring");
        }
    }

    private void rxBufsPolicy(Node n) {
        if (n.argCount() == 0) {
            error(n, "vrrp_rx_bufs_policy missing");
            return;
        }
        boolean size = false;
        boolean mtu = false;
        boolean advert = false;
        for (String a : n.args()) {
            if (a.equalsIgnoreCase("MTU")) {
                mtu = true;
            } else if (a.equalsIgnoreCase("ADVERT")) {
                advert = true;
            } else {
                // keepalived 2.2.7 reads the first word here, whichever word is unknown.
                KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(n.arg(0), 0, UINT_MAX);
                if (!r.accepted()) {
                    number(n, r);
                    error(n, "Invalid vrrp_rx_bufs_policy " + a);
                } else {
                    size = true;
                }
            }
        }
        if (size && (mtu || advert)) {
            error(n, "Cannot set vrrp_rx_bufs_policy size and policy, ignoring policy");
        } else if (mtu && advert) {
            error(n, "Cannot set both vrrp_rx_bufs_policy MTU and ADVERT, ignoring ADVERT");
        }
    }

    /** umask NUMBER, or umask IRUSR|IWGRP|... over one or more words. */
    private void umask(Node n) {
        if (!report.require(n, 1)) {
            return;
        }
        String mask = n.arg(0);
        if (Character.isDigit(mask.charAt(0))) {
            if (n.argCount() != 1) {
                error(n, "Extra parameter(s) to umask option");
                return;
            }
            Long v = strtol(mask);
            if (v == null || v < 0 || (v & ~0777L) != 0) {
                error(n, "invalid umask value " + mask);
            }
            return;
        }
        boolean needOr = false;
        for (String word : n.args()) {
            int p = 0;
            while (p < word.length()) {
                if (needOr) {
                    if (word.charAt(p) == '|') {
                        needOr = false;
                        p++;
                        continue;
                    }
                    error(n, "Invalid umask syntax " + word);
                    return;
                }
                String bit = word.substring(p, Math.min(word.length(), p + 5));
                if (!List.of("IRUSR", "IWUSR", "IXUSR", "IRGRP", "IWGRP", "IXGRP", "IROTH", "IWOTH", "IXOTH").contains(bit)) {
                    error(n, "Unknown umask bit " + word.substring(p));
                    return;
                }
                p += 5;
                needOr = true;
            }
        }
        if (!needOr) {
            error(n, "umask missing bit value");
        }
    }

    /** strtol(s, &end, 0) that must read the whole word: 0x.. hex, 0.. octal, else decimal. */
    private static Long strtol(String s) {
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseLong(s.substring(2), 16);
            }
            return s.length() > 1 && s.startsWith("0") ? Long.parseLong(s.substring(1), 8) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String process(String kw) {
        return kw.substring(0, kw.indexOf('_'));
    }

    private void bool(Node n, String message) {
        if (n.argCount() > 0 && KeepalivedNumbers.bool(n.arg(0)).isEmpty()) {
            error(n, message);
        }
    }

    private void unsigned(Node n, long min, long max, String message) {
        KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(n.arg(0), min, max);
        if (!r.accepted()) {
            number(n, r);
            error(n, message);
        }
    }

    private void signed(Node n, long min, long max, String message) {
        KeepalivedNumbers.Result r = KeepalivedNumbers.signed(n.arg(0), min, max);
        if (!r.accepted()) {
            number(n, r);
            error(n, message);
        }
    }

    /** The number reader's own complaint (INVALID_NUMBER), which keepalived prints before the keyword's. */
    private void number(Node n, KeepalivedNumbers.Result r) {
        if (r.hasProblem()) {
            report.diagnostics().error(KaStatus.INVALID_NUMBER, n.position(), "bad-value", r.problem(), n.text(), "");
        }
    }

    private void error(Node n, String message) {
        report.error(n, "bad-global", message, "see keepalived.conf(5), global_defs");
    }

    private static String argOr(Node n) {
        return n.argCount() > 0 ? n.arg(0) : "";
    }
}
