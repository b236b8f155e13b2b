package io.keepalived4j.config.check;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.build.ModelBuilder;
import io.keepalived4j.config.syntax.Node;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code net_namespace NAME}: keepalived 2.2.7 enters the namespace right after the parent has read
 * the configuration (core/main.c; namespaces.c set_namespaces() opens /var/run/netns/NAME). When it
 * cannot, it logs "Unable to set network namespace" and ends, with exit 0 under {@code -t} whatever
 * that read reported (it never gets to config_test_exit()); the checker, VRRP and BFD
 * configurations are never read. Only a missing value in what the parent reads (global_defs, the
 * top level), which stops keepalived at once with exit 2, still counts. When the namespace exists,
 * the checks run inside it.
 */
final class NetworkNamespace {

    /** Top-level blocks only the checker, VRRP and BFD processes read. */
    private static final Set<String> CHILD_BLOCKS = Set.of("vrrp_instance", "vrrp_sync_group", "vrrp_script", "track_file",
            "vrrp_track_file", "vrrp_track_process", "static_ipaddress", "static_routes", "static_rules",
            "linkbeat_interfaces", "interface_up_down_delays", "track_group", "garp_group", "virtual_server",
            "virtual_server_group", "SSL", "bfd_instance");

    private NetworkNamespace() {
    }

    /** The first top-level {@code net_namespace NAME}, if any. */
    static Optional<Node> of(List<Node> tree) {
        return tree.stream().filter(n -> n.keyword().equals("net_namespace") && !n.isBlock() && n.argCount() > 0).findFirst();
    }

    /** keepalived stops after the parent's read: what the other readers found no longer counts. */
    static void missing(Node line, List<Node> tree, Diagnostics d) {
        String name = line.arg(0);
        Set<String> childLines = new HashSet<>();
        for (Node root : tree) {
            if (root.isBlock() && CHILD_BLOCKS.contains(root.keyword())) {
                root.children().forEach(c -> lines(c, childLines));
            }
        }
        String why = "keepalived 2.2.7 -t exits 0 without checking further: it cannot enter net_namespace " + name;
        d.setAside((diag, stage) -> diag.status() != KaStatus.MISSING_PARAMETER_ABORT
                || ModelBuilder.CHILD_STAGE.equals(stage) || ModelBuilder.VRRP_COMPLETION_STAGE.equals(stage)
                || childLines.contains(key(diag.position())), why);
        d.note(line.position(), "netns-missing", "network namespace " + name + " does not exist: keepalived 2.2.7 stops"
                + " after reading the configuration (Unable to set network namespace " + name + " - exiting), and -t"
                + " exits 0 whatever it found", line.text(), "create it (ip netns add " + name + "), or check on the node that has it");
    }

    private static void lines(Node n, Set<String> out) {
        out.add(key(n.position()));
        if (n.isBlock()) {
            n.children().forEach(c -> lines(c, out));
        }
    }

    private static String key(Position p) {
        return p.file() + ":" + p.line();
    }
}
