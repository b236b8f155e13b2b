package io.keepalived4j.check;

import io.keepalived4j.config.SameConfiguration;
import io.keepalived4j.config.model.lvs.VirtualServer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reload does to the virtual servers, matched by their identity as keepalived's
 * vs_exist() matches them (the service key: address and port, fwmark or group name; with the
 * protocol and address family): a virtual server whose whole configuration is the same, line
 * numbers set aside, is kept as it runs; one with the same identity but another configuration is
 * changed; the others are added or removed.
 *
 * <pre>{@code
 * PoolReloadPlan plan = PoolReloadPlan.of(running, next);
 * plan.kept();     // [vs1]: untouched, its checkers and states as they are
 * plan.changed();  // [(old vs2, new vs2)]
 * }</pre>
 */
record PoolReloadPlan(List<VirtualServer> kept, List<Change> changed, List<VirtualServer> added,
                      List<VirtualServer> removed) {

    /** A virtual server with the same identity and another configuration. */
    record Change(VirtualServer from, VirtualServer to) {
    }

    static PoolReloadPlan of(List<VirtualServer> running, List<VirtualServer> next) {
        Map<List<Object>, VirtualServer> old = new LinkedHashMap<>();
        running.forEach(vs -> old.put(identity(vs), vs));
        List<VirtualServer> kept = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        List<VirtualServer> added = new ArrayList<>();
        for (VirtualServer vs : next) {
            VirtualServer was = old.remove(identity(vs));
            if (was == null) {
                added.add(vs);
            } else if (SameConfiguration.equal(was, vs)) {
                kept.add(was);
            } else {
                changed.add(new Change(was, vs));
            }
        }
        return new PoolReloadPlan(List.copyOf(kept), List.copyOf(changed), List.copyOf(added),
                List.copyOf(old.values()));
    }

    /** The key a reload matches a virtual server by. */
    static List<Object> identity(VirtualServer vs) {
        return List.of(vs.key(), vs.protocol(), vs.family());
    }

}
