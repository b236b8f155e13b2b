package io.keepalived4j.vrrp.sim;

import io.keepalived4j.vrrp.engine.InstanceParameters;
import io.keepalived4j.vrrp.engine.TrackerStatus;

import java.util.List;
import java.util.Set;

/**
 * One simulated host: its VRRP instances and, optionally, a sync group holding all of them.
 *
 * @param instances the host's instances (one per VRID)
 * @param syncGroup the name of a vrrp_sync_group of all the host's instances, or null for none
 */
public record HostSpec(List<InstanceSpec> instances, String syncGroup) {

    public HostSpec {
        instances = List.copyOf(instances);
    }

    /** A host with one multicast instance and no trackers. */
    public static HostSpec of(InstanceParameters parameters) {
        return new HostSpec(List.of(InstanceSpec.multicast(parameters)), null);
    }

    /**
     * One instance of a host.
     *
     * @param parameters   the state machine's parameters
     * @param unicastPeers host indices this instance sends to (unicast_peer); empty for multicast
     * @param trackers     the trackers' statuses at start
     */
    public record InstanceSpec(InstanceParameters parameters, Set<Integer> unicastPeers, List<TrackerStatus> trackers) {
        public InstanceSpec {
            unicastPeers = Set.copyOf(unicastPeers);
            trackers = List.copyOf(trackers);
        }

        public static InstanceSpec multicast(InstanceParameters parameters) {
            return new InstanceSpec(parameters, Set.of(), List.of());
        }
    }
}
