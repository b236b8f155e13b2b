package io.keepalived4j.daemon;

import io.keepalived4j.config.model.KeepalivedConfig;
import io.keepalived4j.config.model.SyncGroup;
import io.keepalived4j.config.model.VrrpInstance;
import io.keepalived4j.vrrp.engine.ConfiguredInstance;
import io.keepalived4j.vrrp.engine.HostSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The node's instances, sync groups and initial tracker statuses as the VRRP engine takes them. */
final class NodeSpecs {

    private NodeSpecs() {
    }

    static HostSpec hostSpec(KeepalivedConfig config, List<InstancePlan> plans, NodeTrackers trackers) {
        List<HostSpec.InstanceSpec> instances = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            InstancePlan p = plans.get(i);
            instances.add(new HostSpec.InstanceSpec(ConfiguredInstance.parameters(p.instance(), config.global(),
                    p.source()), Set.of(), trackers.initial(i)));
        }
        List<String> names = config.vrrp().instances().stream().map(VrrpInstance::name).toList();
        List<HostSpec.SyncGroupSpec> groups = new ArrayList<>();
        for (SyncGroup g : config.vrrp().syncGroups()) {
            groups.add(new HostSpec.SyncGroupSpec(g.name(),
                    g.members().stream().map(names::indexOf).filter(i -> i >= 0).toList()));
        }
        return new HostSpec(instances, groups);
    }
}
