package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.model.lvs.Forwarding.Method;
import io.keepalived4j.config.model.lvs.Forwarding.TunnelChecksum;
import io.keepalived4j.config.model.lvs.Forwarding.TunnelType;
import io.keepalived4j.config.syntax.Node;

/**
 * {@code lvs_method} / {@code lb_kind} / {@code sorry_server_lvs_method}: keepalived's
 * {@code svr_forwarding_handler()}. The method is taken as soon as it is recognised; a bad tunnel
 * option then leaves the previous tunnel settings in place.
 */
final class LvsForwarding {

    private LvsForwarding() {
    }

    /**
     * @param serverType "virtual", "real" or "sorry", as in keepalived's messages
     * @param current    the settings before this line (an unknown method keeps them)
     */
    static Forwarding parse(Node n, String serverType, Forwarding current, BuildReport report) {
        String word = n.arg(0);
        Method method;
        switch (word) {
            case "NAT" -> method = Method.NAT;
            case "DR" -> method = Method.DR;
            case "TUN" -> method = Method.TUN;
            default -> {
                report.error(n, "lvs-method", "PARSER : unknown [" + word + "] routing method for " + serverType + " server.",
                        "use NAT, DR or TUN (upper case)");
                return current;
            }
        }
        Forwarding methodOnly = current == null
                ? Forwarding.of(method)
                : new Forwarding(method, current.tunnelType(), current.tunnelPort(), current.checksum());
        TunnelType type = TunnelType.IPIP;
        int port = 0;
        TunnelChecksum csum = TunnelChecksum.NOCSUM;
        for (int i = 1; i < n.argCount(); i++) {
            String opt = n.arg(i);
            switch (opt) {
                case "type" -> {
                    if (i + 1 >= n.argCount()) {
                        report.error(n, "tunnel-option", "Missing tunnel type for " + serverType + " server.", "");
                        return methodOnly;
                    }
                    String t = n.arg(++i);
                    switch (t) {
                        case "ipip" -> type = TunnelType.IPIP;
                        case "gue" -> type = TunnelType.GUE;
                        case "gre" -> type = TunnelType.GRE;
                        default -> {
                            report.error(n, "tunnel-option", "Unknown tunnel type " + t + " for " + serverType + " server.",
                                    "use ipip, gue or gre");
                            return methodOnly;
                        }
                    }
                }
                case "port" -> {
                    if (i + 1 >= n.argCount()) {
                        report.error(n, "tunnel-option", "Missing port for " + serverType + " server gue tunnel.", "");
                        return methodOnly;
                    }
                    String p = n.arg(++i);
                    KeepalivedNumbers.Result r = KeepalivedNumbers.unsigned(p, 1, 65535);
                    if (!r.accepted()) {
                        report.error(n, "tunnel-option", "Invalid gue tunnel port " + p + " for " + serverType + " server.",
                                r.problem());
                        return methodOnly;
                    }
                    port = (int) r.value();
                }
                case "nocsum" -> csum = TunnelChecksum.NOCSUM;
                case "csum" -> csum = TunnelChecksum.CSUM;
                case "remcsum" -> csum = TunnelChecksum.REMCSUM;
                default -> {
                    report.error(n, "tunnel-option", "Invalid tunnel option " + opt + " for " + serverType + " server.",
                            "tunnel options are: type ipip|gue|gre, port N, nocsum|csum|remcsum");
                    return methodOnly;
                }
            }
        }
        if ((type == TunnelType.GUE) != (port != 0)) {
            report.error(n, "tunnel-option", "gue tunnels require port, otherwise cannot have port.", "");
            return methodOnly;
        }
        if (type == TunnelType.IPIP && csum != TunnelChecksum.NOCSUM) {
            report.error(n, "tunnel-option", "ipip tunnels do not support checksum option.", "");
            return methodOnly;
        }
        if (type == TunnelType.GRE && csum == TunnelChecksum.REMCSUM) {
            report.error(n, "tunnel-option", "gre tunnels do not support remote checksum option.", "");
            return methodOnly;
        }
        return new Forwarding(method, type, port, csum);
    }
}
