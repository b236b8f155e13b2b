package io.keepalived4j.api;

import io.keepalived4j.vrrp.codec.RejectReason;
import io.keepalived4j.vrrp.engine.VrrpState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One VRRP instance as every status output sees it: what keepalived's dumps print and what the
 * status endpoint adds (trackers, peers heard, rejected adverts by reason, split-brain reports).
 *
 * @param name              instance name
 * @param interfaceName     the interface its adverts use (the VMAC with use_vmac)
 * @param vrid              virtual router id
 * @param version           VRRP version, 2 or 3
 * @param state             current state
 * @param wantState         the state it is heading for (keepalived's wantstate)
 * @param basePriority      configured priority
 * @param effectivePriority priority after the trackers' weights
 * @param lastTransition    when it last changed state (its start when it never did)
 * @param settings          configured behaviour the dumps print
 * @param vips              VIPs in keepalived's text ("10.0.0.100/24 dev eth0 scope global set")
 * @param excludedVips      virtual_ipaddress_excluded, same text
 * @param vipsSet           whether the VIPs are on the host now
 * @param trackers          trackers with their current result
 * @param peersHeard        the routers whose adverts it accepted, most recent first
 * @param counters          advert counters
 * @param rejects           rejected adverts by reason (non-zero only)
 * @param splitBrain        another master heard while MASTER
 */
public record InstanceView(String name, String interfaceName, int vrid, int version, VrrpState state,
                           VrrpState wantState, int basePriority, int effectivePriority, Instant lastTransition,
                           InstanceSettings settings, List<String> vips, List<String> excludedVips, boolean vipsSet,
                           List<TrackerView> trackers, List<PeerView> peersHeard, InstanceCounters counters,
                           Map<RejectReason, Long> rejects, SplitBrainView splitBrain) {

    public InstanceView {
        vips = List.copyOf(vips);
        excludedVips = List.copyOf(excludedVips);
        trackers = List.copyOf(trackers);
        peersHeard = List.copyOf(peersHeard);
        rejects = Map.copyOf(rejects);
    }

    /** The counters as keepalived groups them in keepalived.stats and the JSON dump. */
    public KeepalivedCounters keepalivedCounters() {
        return KeepalivedCounters.of(counters, rejects);
    }
}
