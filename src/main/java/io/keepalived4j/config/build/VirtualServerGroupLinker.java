package io.keepalived4j.config.build;

import io.keepalived4j.config.model.lvs.IpFamily;
import io.keepalived4j.config.model.lvs.ServiceKey;
import io.keepalived4j.config.model.lvs.VirtualServerGroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalived's {@code link_vsg_to_vs()} (ipwrapper.c), which runs before validation: a service
 * naming an unknown group, or a group of the wrong address family, is dropped. keepalived only
 * logs these (nothing under -t, exit status unchanged), so they are warnings without a status
 * here; they still deserve an operator's attention, since the service will not exist.
 */
final class VirtualServerGroupLinker {

    private final BuildReport report;
    private final Map<String, VirtualServerGroup> groups;

    VirtualServerGroupLinker(BuildReport report, Map<String, VirtualServerGroup> groups) {
        this.report = report;
        this.groups = groups;
    }

    List<VirtualServerDraft> link(List<VirtualServerDraft> drafts) {
        List<VirtualServerDraft> kept = new ArrayList<>();
        for (VirtualServerDraft vs : drafts) {
            if (!(vs.key instanceof ServiceKey.Group g) || keep(vs, g.name())) {
                kept.add(vs);
            }
        }
        // The member number is what keepalived prints as the service's port: [G]:0, [G]:1, ...
        Map<String, Integer> members = new HashMap<>();
        for (VirtualServerDraft vs : kept) {
            if (vs.key instanceof ServiceKey.Group g) {
                vs.groupMember = members.merge(g.name(), 1, Integer::sum) - 1;
            }
        }
        return kept;
    }

    private boolean keep(VirtualServerDraft vs, String name) {
        VirtualServerGroup group = groups.get(name);
        if (group == null) {
            drop(vs, "Virtual server group " + name + " specified but not configured - ignoring virtual server "
                    + vs.describe(), "define virtual_server_group " + name + " { ... }");
            return false;
        }
        boolean v4 = group.hasIpv4();
        boolean v6 = group.hasIpv6();
        if (v4 && v6 && vs.family != null) {
            drop(vs, name + ": virtual server group with IPv4 & IPv6 doesn't match virtual server " + vs.describe()
                    + " - ignoring", "a group mixing families needs fwmarks with a family and tunnelled real servers");
            return false;
        }
        if ((v4 && vs.family == IpFamily.INET6) || (v6 && vs.family == IpFamily.INET)) {
            drop(vs, name + ": address family doesn't match virtual server " + vs.describe() + " - ignoring",
                    "use real servers of the group's address family");
            return false;
        }
        if (v4 != v6) {
            vs.family = v4 ? IpFamily.INET : IpFamily.INET6;
        } else if (vs.family == null && group.hasFwmarkWithoutFamily()) {
            report.note(vs.node, "vsg-family", name + ": Virtual server " + vs.describe()
                    + " address family cannot be determined, defaulting to IPv4", "write: fwmark N inet|inet6");
        }
        return true;
    }

    private void drop(VirtualServerDraft vs, String message, String suggestion) {
        report.note(vs.node, "vs-dropped", message + " (keepalived logs this at start-up; -t says nothing)", suggestion);
    }
}
