package io.keepalived4j.daemon;

import io.keepalived4j.vrrp.codec.RejectReason;
import io.keepalived4j.vrrp.engine.VrrpState;

import java.util.Map;

/**
 * One instance as status reports it.
 *
 * @param name            instance name
 * @param state           current state
 * @param holdsVips       whether its VIPs are on the host
 * @param advertsSent     adverts sent (all destinations)
 * @param advertsReceived adverts accepted
 * @param becameMaster    times it entered MASTER
 * @param splitBrain      mismatched adverts from another master heard while MASTER
 * @param rejects         rejected adverts by reason
 */
public record InstanceStatus(String name, VrrpState state, boolean holdsVips, long advertsSent, long advertsReceived,
                             long becameMaster, long splitBrain, Map<RejectReason, Long> rejects) {
}
