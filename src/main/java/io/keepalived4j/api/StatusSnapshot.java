package io.keepalived4j.api;

import java.time.Instant;
import java.util.List;

/**
 * Everything the daemon reports at one moment: the VRRP instances, then the virtual servers with
 * their real servers, checkers and connections. Every status output (dump files, JSON, metrics,
 * {@code keepalived4j status}) is a pure function of one snapshot.
 *
 * @param taken          when it was taken
 * @param routerId       global_defs router_id (the host name when unset)
 * @param instances      VRRP instances, in configuration order
 * @param virtualServers virtual servers, in configuration order (empty without checkers)
 */
public record StatusSnapshot(Instant taken, String routerId, List<InstanceView> instances,
                             List<VirtualServerView> virtualServers) {

    public StatusSnapshot {
        instances = List.copyOf(instances);
        virtualServers = List.copyOf(virtualServers);
    }

    /** The scripts tracked by any instance, once each, with their result (keepalived's "VRRP Scripts"). */
    public List<TrackerView> scripts() {
        java.util.Map<String, TrackerView> byName = new java.util.LinkedHashMap<>();
        for (InstanceView i : instances) {
            for (TrackerView t : i.trackers()) {
                if (t.kind().equals(TrackerView.SCRIPT)) {
                    byName.putIfAbsent(t.name(), t);
                }
            }
        }
        return List.copyOf(byName.values());
    }
}
