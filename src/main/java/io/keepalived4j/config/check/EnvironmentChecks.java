package io.keepalived4j.config.check;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.build.ModelBuilder;
import io.keepalived4j.config.crossnode.KeywordLocator;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.TrackRef;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.syntax.Node;

import java.util.List;

/**
 * Checks that need the host, as keepalived 2.2.7's {@code -t} makes them: interfaces named in the
 * configuration exist (each missing one is a warning at its line, then one "Non-existent
 * interface specified in configuration", after which the VRRP process stops before its
 * completion checks, so those no longer count), an instance's interface is neither the loopback
 * nor unable to multicast, and scripts exist and pass the script-security rules
 * ({@link ScriptSecurity}).
 */
final class EnvironmentChecks {

    private EnvironmentChecks() {
    }

    static void check(KeepalivedConfig config, List<Node> tree, HostEnvironment host, Diagnostics d) {
        boolean dynamic = config.global().dynamicInterfaces();
        Position firstMissing = null;
        for (VrrpInstance i : config.vrrp().instances()) {
            String iface = i.interfaceName();
            if (!iface.isEmpty() && !host.interfaceExists(iface)) {
                Position at = KeywordLocator.find(tree, i, "interface");
                firstMissing = firstMissing == null ? at : firstMissing;
                report(d, dynamic, at, "WARNING - interface " + iface + " for vrrp_instance " + i.name() + " doesn't exist");
            } else if (!iface.isEmpty() && host.isLoopback(iface)) {
                Position at = KeywordLocator.find(tree, i, "interface");
                d.error(KaStatus.GENERAL_ERROR, at, "loopback-interface", "(" + i.name() + ") cannot use a loopback interface ("
                        + iface + ") for vrrp - ignoring", iface, "use the interface the peers are reachable on");
            }
            vmacName(i, tree, host, d);
            for (VirtualAddress a : i.virtualAddresses()) {
                firstMissing = first(firstMissing, addressDevice(a, host, d, dynamic));
            }
            for (VirtualAddress a : i.excludedAddresses()) {
                firstMissing = first(firstMissing, addressDevice(a, host, d, dynamic));
            }
            for (TrackRef t : i.trackInterfaces()) {
                if (!host.interfaceExists(t.name())) {
                    firstMissing = firstMissing == null ? t.position() : firstMissing;
                    report(d, dynamic, t.position(), "(" + i.name() + ") tracked interface " + t.name() + " doesn't exist");
                }
            }
        }
        for (VirtualAddress a : config.vrrp().staticAddresses()) {
            if (a.device().isEmpty() && !host.interfaceExists(config.global().defaultInterface())) {
                d.error(KaStatus.FATAL, a.position(), "static-address-no-interface", "Static address "
                        + a.address().getHostAddress() + "/" + a.prefixLength()
                        + " requires either an interface or default interface must exist", "", "add 'dev IF'");
                firstMissing = first(firstMissing, a.position());
            }
            firstMissing = first(firstMissing, addressDevice(a, host, d, dynamic));
        }
        firstMissing = first(firstMissing, garpGroups(tree, host, d, dynamic));
        for (Node n : tree) {
            if (n.isBlock() && (n.keyword().equals("linkbeat_interfaces") || n.keyword().equals("interface_up_down_delays"))) {
                String what = n.keyword().equals("linkbeat_interfaces") ? "linkbeat interface" : "up/down delay";
                for (Node line : n.children()) {
                    if (!host.interfaceExists(line.keyword())) {
                        d.error(KaStatus.FATAL, line.position(), "unknown-interface",
                                "unknown interface " + line.keyword() + " specified for " + what, line.text(), "");
                    }
                }
            }
        }
        boolean vrrpCompletes = firstMissing == null || dynamic;
        if (!vrrpCompletes) {
            d.error(KaStatus.BAD_IF, firstMissing, "missing-interface", "Non-existent interface specified in configuration",
                    "", "create the interface, fix the name, or set dynamic_interfaces in global_defs");
            d.skipStage(ModelBuilder.VRRP_COMPLETION_STAGE,
                    "keepalived 2.2.7 stops before this check because an interface is missing");
        } else {
            d.stage(ModelBuilder.VRRP_COMPLETION_STAGE, () -> completion(config, tree, host, d));
        }
        GlobalHostChecks.check(tree, host, d);
        ScriptSecurity.check(config, tree, host, d, vrrpCompletes);
    }

    /** The host's part of chk_min_cfg() and vrrp_complete_instance(). */
    private static void completion(KeepalivedConfig config, List<Node> tree, HostEnvironment host, Diagnostics d) {
        for (VrrpInstance i : config.vrrp().instances()) {
            String iface = i.interfaceName();
            if (iface.isEmpty() || !host.interfaceExists(iface)) {
                continue;
            }
            if (host.isLoopback(iface)) {
                d.error(KaStatus.GENERAL_ERROR, i.position(), "no-interface", "(" + i.name() + ") Unknown interface!", "",
                        "use the interface the peers are reachable on");
                return;     // keepalived stops completing here
            }
            if (!host.supportsMulticast(iface) && !i.isUnicast()) {
                d.error(KaStatus.GENERAL_ERROR, KeywordLocator.find(tree, i, "interface"), "no-multicast", "(" + i.name()
                        + ") interface " + iface + " does not support multicast, specify unicast peers - disabling", iface,
                        "add a unicast_peer block");
            }
        }
    }

    /** use_vmac NAME: a name already taken by an interface that is not a macvlan is ignored. */
    private static void vmacName(VrrpInstance i, List<Node> tree, HostEnvironment host, Diagnostics d) {
        if (!i.useVmac()) {
            return;
        }
        Position at = KeywordLocator.find(tree, i, "use_vmac");
        Node line = findLine(tree, at);
        if (line == null) {
            return;
        }
        // The name is the word without a ':' (the other may be a MAC address).
        String name = line.args().stream().limit(2).filter(w -> w.indexOf(':') < 0).findFirst().orElse("");
        if (!name.isEmpty() && host.interfaceExists(name) && !host.isMacvlan(name)) {
            d.error(KaStatus.GENERAL_ERROR, at, "vmac-name", "(" + i.name() + ") interface " + name
                    + " already exists and is not a private macvlan; ignoring vmac if_name", line.text(),
                    "choose a name no interface has, or leave it to keepalived");
        }
    }

    private static Node findLine(List<Node> nodes, Position at) {
        for (Node n : nodes) {
            if (n.position().line() == at.line() && n.position().file().equals(at.file()) && !n.isBlock()) {
                return n;
            }
            if (n.isBlock()) {
                Node found = findLine(n.children(), at);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** garp_group's {@code interface IF} and {@code interfaces { ... }}: each must exist. */
    private static Position garpGroups(List<Node> tree, HostEnvironment host, Diagnostics d, boolean dynamic) {
        Position missing = null;
        for (Node g : tree) {
            if (!g.keyword().equals("garp_group") || !g.isBlock()) {
                continue;
            }
            for (Node n : g.children()) {
                List<String> names = switch (n.keyword()) {
                    case "interface" -> n.argCount() > 0 ? List.of(n.arg(0)) : List.of();
                    case "interfaces" -> n.isBlock() ? n.children().stream().map(Node::keyword).toList() : List.of();
                    default -> List.of();
                };
                for (String name : names) {
                    if (!host.interfaceExists(name)) {
                        missing = first(missing, n.position());
                        report(d, dynamic, n.position(), "WARNING - interface " + name + " specified for garp_group doesn't exist");
                    }
                }
            }
        }
        return missing;
    }

    private static Position first(Position current, Position candidate) {
        return current != null ? current : candidate;
    }

    /** The address's device, reported when it does not exist; its position then, else null. */
    private static Position addressDevice(VirtualAddress a, HostEnvironment host, Diagnostics d, boolean dynamic) {
        if (a.device().isEmpty() || host.interfaceExists(a.device())) {
            return null;
        }
        report(d, dynamic, a.position(), "WARNING - interface " + a.device() + " for ip address "
                + a.address().getHostAddress() + "/" + a.prefixLength() + " doesn't exist");
        return a.position();
    }

    private static void report(Diagnostics d, boolean dynamic, Position pos, String message) {
        if (dynamic) {
            // dynamic_interfaces: keepalived waits for the interface instead of complaining.
            d.note(pos, "missing-interface", message + " (dynamic_interfaces: waiting for it)", "", "");
        } else {
            d.error(KaStatus.GENERAL_ERROR, pos, "missing-interface", message, "", "check the interface name with 'ip link'");
        }
    }
}
