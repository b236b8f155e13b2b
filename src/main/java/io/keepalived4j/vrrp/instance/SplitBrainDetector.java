package io.keepalived4j.vrrp.instance;

import io.keepalived4j.vrrp.codec.RejectReason;
import io.keepalived4j.vrrp.codec.VrrpPacket;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What keepalived lacks: a MASTER that hears another router claiming its VRID with a different
 * configuration (authentication, interval, VIP list, version) cannot be heard by it either, so
 * both stay MASTER: a split brain. Reported once per source and reason, at error level, and counted;
 * spoofed adverts from random sources cost bounded memory and at most one line per
 * {@link #REPORT_INTERVAL_MICROS} ({@link AlarmThrottle}).
 */
public final class SplitBrainDetector {

    private static final Set<RejectReason> CONFIG_MISMATCH = EnumSet.of(RejectReason.VERSION_MISMATCH,
            RejectReason.AUTH_TYPE_MISMATCH, RejectReason.PASSWORD_MISMATCH, RejectReason.AH_UNSUPPORTED,
            RejectReason.ADVERT_INTERVAL_MISMATCH, RejectReason.ADDRESS_COUNT_MISMATCH,
            RejectReason.ADDRESS_LIST_MISMATCH);

    /** At most one split-brain line per instance per 10 s. */
    public static final long REPORT_INTERVAL_MICROS = 10_000_000L;
    static final int REMEMBERED_SOURCES = 64;

    private final String tag;
    private final AlarmThrottle reported = new AlarmThrottle(REMEMBERED_SOURCES, REPORT_INTERVAL_MICROS);
    private long count;
    private String last = "";

    public SplitBrainDetector(String instanceName) {
        this.tag = "(" + instanceName + ") ";
    }

    /**
     * A rejected advert arrived while we are {@code master}: returns the error line the first time
     * this source shows this mismatch (a priority-0 goodbye is no claim to mastership).
     */
    public Optional<String> rejected(boolean master, RejectReason reason, String detail, VrrpPacket packet,
                                     InetAddress source, long nowMicros) {
        if (!master || !CONFIG_MISMATCH.contains(reason) || packet.priority() == 0) {
            return Optional.empty();
        }
        count++;
        last = source.getHostAddress() + ": " + detail;
        OptionalLong admitted = reported.admit(source.getHostAddress() + "/" + reason, nowMicros);
        if (admitted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tag + "split brain: " + source.getHostAddress() + " also advertises VRID " + packet.vrid()
                + " (priority " + packet.priority() + ") with a mismatched configuration: " + detail
                + "; both nodes may hold the VIPs" + AlarmThrottle.suffix(admitted.getAsLong()));
    }

    /** Mismatched adverts heard while MASTER, in all. */
    public long count() {
        return count;
    }

    /** The latest mismatch, "source: detail", empty before the first. */
    public String last() {
        return last;
    }
}
