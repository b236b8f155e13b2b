package io.keepalived4j.vrrp.codec;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Checks a decoded advertisement against what the receiving instance expects, in keepalived
 * 2.2.7's order (vrrp-wire.md section 5). 2.2.7 rejects an advert whose VIP list differs from its
 * own (2.3.3 and later only log it): we follow 2.2.7, our interop peer.
 */
public final class AdvertValidator {

    /**
     * What one instance accepts.
     *
     * @param vrid                 its VRID
     * @param version              2 or 3
     * @param authType             v2 auth type (0 none, 1 PASS)
     * @param password             v2 PASS password bytes (at most 8)
     * @param advertIntervalCentis its advertisement interval
     * @param addresses            its VIPs (order does not matter)
     * @param multicast            whether it receives multicast (TTL must then be 255)
     */
    public record Expectations(int vrid, int version, int authType, byte[] password, int advertIntervalCentis,
                               List<InetAddress> addresses, boolean multicast) {
        public Expectations {
            password = Arrays.copyOf(password == null ? new byte[0] : password, VrrpPacket.AUTH_DATA_LENGTH);
            addresses = List.copyOf(addresses);
        }
    }

    private AdvertValidator() {
    }

    /** Empty when the advert is acceptable, else the first reason keepalived would find. */
    public static Optional<RejectReason> check(DecodeResult.Decoded d, Expectations e) {
        VrrpPacket p = d.packet();
        if (p.vrid() != e.vrid()) {
            return Optional.of(RejectReason.UNKNOWN_VRID);
        }
        if (e.multicast() && d.ttl() >= 0 && d.ttl() != 255) {
            return Optional.of(RejectReason.BAD_TTL);
        }
        if (p.version() != e.version()) {
            return Optional.of(RejectReason.VERSION_MISMATCH);
        }
        if (p.version() == 2) {
            if (p.authType() == VrrpPacket.AUTH_AH) {
                return Optional.of(RejectReason.AH_UNSUPPORTED);
            }
            if (p.authType() != e.authType()) {
                return Optional.of(RejectReason.AUTH_TYPE_MISMATCH);
            }
            // Constant-time, as keepalived compares the password.
            if (p.authType() == VrrpPacket.AUTH_PASS && !MessageDigest.isEqual(p.authData(), e.password())) {
                return Optional.of(RejectReason.PASSWORD_MISMATCH);
            }
            // RFC 3768 section 7.1: a v2 interval mismatch is dropped (keepalived: DROP, not KO).
            if (p.advertIntervalCentis() != e.advertIntervalCentis()) {
                return Optional.of(RejectReason.ADVERT_INTERVAL_MISMATCH);
            }
        }
        if (p.type() != VrrpPacket.TYPE_ADVERTISEMENT) {
            return Optional.of(RejectReason.BAD_TYPE);
        }
        if (!d.checksumOk()) {
            return Optional.of(RejectReason.BAD_CHECKSUM);
        }
        if (p.version() == 3 && p.advertIntervalCentis() == 0) {
            return Optional.of(RejectReason.ADVERT_INTERVAL_ZERO);
        }
        if (p.addresses().size() != e.addresses().size()) {
            return Optional.of(RejectReason.ADDRESS_COUNT_MISMATCH);
        }
        // The same list in the same order (every advert of a peer with our configuration) needs no
        // sets: two HashSets per accepted advert were most of a BACKUP's per-advert garbage (issue 12).
        if (!p.addresses().equals(e.addresses())
                && !new HashSet<>(p.addresses()).equals(new HashSet<>(e.addresses()))) {
            return Optional.of(RejectReason.ADDRESS_LIST_MISMATCH);
        }
        return Optional.empty();
    }
}
