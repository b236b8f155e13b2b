package io.keepalived4j.api;

import io.keepalived4j.vrrp.codec.RejectReason;

import java.util.Map;

/**
 * An instance's counters as keepalived 2.2.7 keeps them ({@code vrrp_stats}, printed by
 * vrrp_print.c {@code vrrp_print_stats()} and vrrp_json.c): what keepalived.stats, the JSON dump
 * and the exporter-compatible metrics report. The rejected-advert reasons fold into keepalived's
 * error counters as vrrp.c {@code vrrp_check_packet()} counts them.
 *
 * <p>Two deliberate differences: keepalived 2.2.7 never increments {@code advert_interval_err}
 * (it drops a mismatched interval silently), this counts those drops there; and a VRRPv3
 * checksum or version error, which keepalived counts only for SNMP, is left out here too.
 */
public record KeepalivedCounters(long advertRcvd, long advertSent, long becomeMaster, long releaseMaster,
                                 long packetLenErr, long advertIntervalErr, long ipTtlErr, long invalidTypeRcvd,
                                 long addrListErr, long invalidAuthtype, long authtypeMismatch, long authFailure,
                                 long priZeroRcvd, long priZeroSent) {

    public static KeepalivedCounters of(InstanceCounters c, Map<RejectReason, Long> rejects) {
        // keepalived counts an advert as received once type, length and checksum passed: the
        // address checks that follow reject it after it was counted.
        long received = c.advertsReceived() + n(rejects, RejectReason.ADDRESS_LIST_MISMATCH)
                + n(rejects, RejectReason.UNICAST_SOURCE_NOT_PEER);
        return new KeepalivedCounters(received, c.advertsSent(), c.becameMaster(), c.releasedMaster(),
                n(rejects, RejectReason.TRUNCATED) + n(rejects, RejectReason.LENGTH_MISMATCH),
                n(rejects, RejectReason.ADVERT_INTERVAL_MISMATCH) + n(rejects, RejectReason.ADVERT_INTERVAL_ZERO),
                n(rejects, RejectReason.BAD_TTL),
                n(rejects, RejectReason.BAD_TYPE),
                n(rejects, RejectReason.ADDRESS_COUNT_MISMATCH) + n(rejects, RejectReason.ADDRESS_LIST_MISMATCH),
                n(rejects, RejectReason.AH_UNSUPPORTED),
                n(rejects, RejectReason.AUTH_TYPE_MISMATCH) + n(rejects, RejectReason.AH_NOT_CONFIGURED),
                n(rejects, RejectReason.PASSWORD_MISMATCH),
                c.priorityZeroReceived(), c.priorityZeroSent());
    }

    private static long n(Map<RejectReason, Long> rejects, RejectReason r) {
        return rejects.getOrDefault(r, 0L);
    }
}
