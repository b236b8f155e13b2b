package io.keepalived4j.config.check;

import io.keepalived4j.config.Diagnostics;
import io.keepalived4j.config.KaStatus;
import io.keepalived4j.config.Position;
import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.TrackRef;
import io.keepalived4j.config.model.VirtualAddress;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.config.syntax.Node;

import java.util.List;

/**
 * Checks that need the host, as keepalived 2.2.7's {@code -t} makes them: interfaces named in the
 * configuration exist (each missing one is a warning, then one "Non-existent interface specified
 * in configuration"), and scripts exist and pass the script-security rules ({@link ScriptSecurity}).
 */
final class EnvironmentChecks {

    private EnvironmentChecks() {
    }

    static void check(KeepalivedConfig config, List<Node> tree, HostEnvironment host, Diagnostics d) {
        boolean dynamic = config.global().dynamicInterfaces();
        boolean missing = false;
        for (VrrpInstance i : config.vrrp().instances()) {
            if (!i.interfaceName().isEmpty() && !host.interfaceExists(i.interfaceName())) {
                missing = true;
                report(d, dynamic, i.position(), "WARNING - interface " + i.interfaceName() + " for vrrp_instance "
                        + i.name() + " doesn't exist");
            }
            for (VirtualAddress a : i.virtualAddresses()) {
                missing |= addressDevice(a, host, d, dynamic);
            }
            for (TrackRef t : i.trackInterfaces()) {
                if (!host.interfaceExists(t.name())) {
                    missing = true;
                    report(d, dynamic, t.position(), "(" + i.name() + ") tracked interface " + t.name() + " doesn't exist");
                }
            }
        }
        for (VirtualAddress a : config.vrrp().staticAddresses()) {
            if (a.device().isEmpty() && !host.interfaceExists(config.global().defaultInterface())) {
                d.error(KaStatus.FATAL, a.position(), "static-address-no-interface", "Static address "
                        + a.address().getHostAddress() + "/" + a.prefixLength()
                        + " requires either an interface or default interface must exist", "", "add 'dev IF'");
            }
            missing |= addressDevice(a, host, d, dynamic);
        }
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
        if (missing && !dynamic) {
            d.error(KaStatus.BAD_IF, Position.NONE, "missing-interface", "Non-existent interface specified in configuration",
                    "", "create the interface, fix the name, or set dynamic_interfaces in global_defs");
        }
        ScriptSecurity.check(config, host, d);
    }

    private static boolean addressDevice(VirtualAddress a, HostEnvironment host, Diagnostics d, boolean dynamic) {
        if (a.device().isEmpty() || host.interfaceExists(a.device())) {
            return false;
        }
        report(d, dynamic, a.position(), "WARNING - interface " + a.device() + " for ip address "
                + a.address().getHostAddress() + "/" + a.prefixLength() + " doesn't exist");
        return true;
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
