package io.keepalived4j.vrrp.engine;

import java.util.List;
import java.util.Set;

/**
 * One node's VRRP instances and their sync groups, as {@link VrrpHost} runs them.
 *
 * @param instances  the host's instances (one per VRID)
 * @param syncGroups vrrp_sync_groups, each naming instances by their index in {@code instances}
 */
public record HostSpec(List<InstanceSpec> instances, List<SyncGroupSpec> syncGroups) {

    public HostSpec {
        instances = List.copyOf(instances);
        syncGroups = List.copyOf(syncGroups);
    }

    /** All the host's instances in one sync group {@code syncGroup}, or in none when it is null. */
    public HostSpec(List<InstanceSpec> instances, String syncGroup) {
        this(instances, syncGroup == null ? List.of() : List.of(new SyncGroupSpec(syncGroup,
                java.util.stream.IntStream.range(0, instances.size()).boxed().toList())));
    }

    /** A vrrp_sync_group: its name and its members' indices. */
    public record SyncGroupSpec(String name, List<Integer> members) {
        public SyncGroupSpec {
            members = List.copyOf(members);
        }
    }

    /** A host with one multicast instance and no trackers. */
    public static HostSpec of(InstanceParameters parameters) {
        return new HostSpec(List.of(InstanceSpec.multicast(parameters)), List.of());
    }

    /**
     * One instance of a host.
     *
     * @param parameters   the state machine's parameters
     * @param unicastPeers in the simulator, host indices this instance sends to (unicast_peer); empty for
     *                     multicast (a real node knows its peers by address, in its transport)
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
