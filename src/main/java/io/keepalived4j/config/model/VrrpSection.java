package io.keepalived4j.config.model;

import java.util.List;

/**
 * Everything the VRRP side runs.
 *
 * @param instances        vrrp_instance blocks that survived validation, in file order
 * @param syncGroups       vrrp_sync_group blocks
 * @param scripts          vrrp_script blocks with a script
 * @param trackFiles       track_file blocks
 * @param trackProcesses   vrrp_track_process blocks
 * @param staticAddresses  static_ipaddress entries
 * @param staticRoutes     static_routes entries
 * @param staticRules      static_rules entries
 */
public record VrrpSection(List<VrrpInstance> instances, List<SyncGroup> syncGroups, List<VrrpScript> scripts,
                          List<TrackFile> trackFiles, List<TrackProcess> trackProcesses,
                          List<VirtualAddress> staticAddresses, List<StaticRoute> staticRoutes,
                          List<StaticRule> staticRules) {

    public static VrrpSection empty() {
        return new VrrpSection(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
