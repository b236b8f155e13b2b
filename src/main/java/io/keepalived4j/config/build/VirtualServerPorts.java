package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.Forwarding;
import io.keepalived4j.config.model.lvs.ServiceKey;
import io.keepalived4j.config.model.lvs.VirtualServerGroup;

/**
 * The last part of {@code validate_check_config()}: unless NAT is used, a real (or sorry) server
 * must listen on the service's port, and not on any port for a firewall-mark service. NAT
 * servers without a port take the service's. Groups are only warned about; single services are
 * corrected.
 */
final class VirtualServerPorts {

    private final BuildReport report;
    private final VirtualServerDraft vs;
    private final VirtualServerGroup group;

    VirtualServerPorts(BuildReport report, VirtualServerDraft vs, VirtualServerGroup group) {
        this.report = report;
        this.vs = vs;
        this.group = group;
    }

    void apply() {
        if (group != null) {
            groupPorts();
        } else {
            singlePorts();
        }
    }

    private static boolean nat(Forwarding f) {
        return f != null && f.method() == Forwarding.Method.NAT;
    }

    private void groupPorts() {
        if (!group.fwmarks().isEmpty()) {
            for (RealServerDraft rs : vs.realServers) {
                if (!nat(rs.forwarding) && rs.port != 0) {
                    report.warning(rs.node, "fwmark-rs-port", "WARNING - fwmark virtual server " + vs.describe()
                            + ", real server " + VirtualServerValidator.rsText(vs, rs) + " has port specified - port will be ignored",
                            "remove the port");
                }
            }
            if (vs.sorry != null && !nat(vs.sorry.forwarding) && vs.sorry.port != 0) {
                report.warning(vs.sorry.node, "fwmark-sorry-port", "WARNING - fwmark virtual server " + vs.describe()
                        + ", sorry server has port specified - port will be ignored", "remove the port");
            }
        }
        for (VirtualServerGroup.AddressRange entry : group.addressRanges()) {
            for (RealServerDraft rs : vs.realServers) {
                if (!nat(rs.forwarding) && rs.port != 0 && rs.port != entry.port()) {
                    report.error(rs.node, "rs-port-mismatch", "virtual server " + vs.describe() + ":[" + entry.describe()
                            + "] and real server " + VirtualServerValidator.rsText(vs, rs) + " ports don't match",
                            "with DR or TUN the real server must use the service's port");
                }
            }
            if (vs.sorry != null && !nat(vs.sorry.forwarding) && vs.sorry.port != 0 && vs.sorry.port != entry.port()) {
                report.warning(vs.sorry.node, "sorry-port", "WARNING - virtual server " + vs.describe()
                        + ", sorry server has port specified - port will be ignored", "remove the port");
            }
        }
    }

    private void singlePorts() {
        boolean fwmark = vs.key instanceof ServiceKey.Fwmark f && f.mark() != 0;
        int port = vs.key instanceof ServiceKey.Address a ? a.port() : 0;
        for (RealServerDraft rs : vs.realServers) {
            if (nat(rs.forwarding)) {
                if (!fwmark && rs.port == 0) {
                    rs.port = port;
                }
                continue;
            }
            if (fwmark) {
                if (rs.port != 0) {
                    report.warning(rs.node, "fwmark-rs-port", "WARNING - fwmark virtual server " + vs.describe()
                            + ", real server " + VirtualServerValidator.rsText(vs, rs) + " has port specified - clearing",
                            "remove the port");
                    rs.port = 0;
                }
            } else if (rs.port == 0) {
                rs.port = port;
            } else if (rs.port != port) {
                report.warning(rs.node, "rs-port-mismatch", "WARNING - virtual server " + vs.describe() + " and real server "
                        + VirtualServerValidator.rsText(vs, rs) + " ports don't match - resetting",
                        "with DR or TUN the real server must use the service's port");
                rs.port = port;
            }
        }
        if (vs.sorry == null || nat(vs.sorry.forwarding)) {
            return;
        }
        if (fwmark) {
            if (vs.sorry.port != 0) {
                report.warning(vs.sorry.node, "sorry-port", "WARNING - virtual server " + vs.describe()
                        + ", sorry server has port specified - clearing", "remove the port");
                vs.sorry.port = 0;
            }
        } else if (vs.sorry.port == 0) {
            vs.sorry.port = port;
        } else if (vs.sorry.port != port) {
            report.warning(vs.sorry.node, "sorry-port", "WARNING - virtual server " + vs.describe()
                    + " and sorry server ports don't match - resetting", "with DR or TUN the sorry server must use the service's port");
            vs.sorry.port = port;
        }
    }
}
