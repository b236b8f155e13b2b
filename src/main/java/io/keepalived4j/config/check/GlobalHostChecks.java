package io.keepalived4j.config.check;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.syntax.Node;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The global_defs handlers of keepalived 2.2.7 (core/global_parser.c) whose verdict depends on
 * the host: an smtp_server given by name must resolve, a cpu_affinity must name online CPUs, a
 * config_save_dir must be (or be creatable as) a directory. keepalived creates that directory
 * even under {@code -t}; we only look.
 */
final class GlobalHostChecks {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private GlobalHostChecks() {
    }

    static void check(List<Node> tree, HostEnvironment host, Diagnostics d) {
        for (Node root : tree) {
            if (!root.keyword().equals("global_defs") || !root.isBlock()) {
                continue;
            }
            for (Node n : root.children()) {
                switch (n.keyword()) {
                    case "smtp_server" -> smtpServer(n, host, d);
                    case "vrrp_cpu_affinity", "checker_cpu_affinity", "bfd_cpu_affinity" -> cpuAffinity(n, host, d);
                    case "config_save_dir" -> saveDir(n, host, d);
                    default -> {
                    }
                }
            }
        }
    }

    /** smtpserver_handler(): not an address, so getaddrinfo() must know the name. */
    private static void smtpServer(Node n, HostEnvironment host, Diagnostics d) {
        if (n.argCount() == 0) {
            return;
        }
        String server = n.arg(0);
        String port = n.argCount() > 1 ? n.arg(1) : "25";
        boolean literal = server.indexOf('-') < 0 && server.indexOf('/') < 0 && IP_LITERAL.matcher(server).matches();
        if (!literal && !host.resolves(server)) {
            d.error(KaStatus.GENERAL_ERROR, n.position(), "smtp-server", "Invalid smtp server " + server + " " + port,
                    n.text(), "give an address, or a name this host can resolve");
        }
    }

    /** get_cpu_affinity(): every CPU id must be below the number of online CPUs. */
    private static void cpuAffinity(Node n, HostEnvironment host, Diagnostics d) {
        String process = n.keyword().substring(0, n.keyword().indexOf('_'));
        if (n.argCount() == 0) {
            d.error(KaStatus.GENERAL_ERROR, n.position(), "bad-global", "No " + process + " cpu_id set specified", n.text(),
                    "list CPU numbers");
            return;
        }
        int cpus = host.onlineCpus();
        for (String a : n.args()) {
            if (!a.matches("\\d{1,9}") || Integer.parseInt(a) >= cpus) {
                d.error(KaStatus.GENERAL_ERROR, n.position(), "bad-global", "Invalid cpu_id:" + a + " specified for " + process
                        + " process", n.text(), "this host has CPUs 0-" + (cpus - 1));
                return;
            }
        }
    }

    /** config_save_dir_handler(): a directory, or one that can be created. */
    private static void saveDir(Node n, HostEnvironment host, Diagnostics d) {
        if (n.argCount() == 0) {
            return;
        }
        String dir = n.arg(0);
        HostEnvironment.PathKind kind = host.pathKind(dir);
        if (kind == HostEnvironment.PathKind.DIRECTORY) {
            return;
        }
        if (kind == HostEnvironment.PathKind.OTHER) {
            d.error(KaStatus.GENERAL_ERROR, n.position(), "bad-global", "config_save_dir " + dir
                    + " exists and is not a directory", n.text(), "name a directory");
            return;
        }
        int slash = dir.lastIndexOf('/');
        String parent = slash > 0 ? dir.substring(0, slash) : slash == 0 ? "/" : ".";
        if (host.pathKind(parent) != HostEnvironment.PathKind.DIRECTORY) {
            d.error(KaStatus.GENERAL_ERROR, n.position(), "bad-global", "Unable to create config_save_dir " + dir
                    + " (error 2 - No such file or directory)", n.text(), "create the directory above it first");
        }
    }
}
