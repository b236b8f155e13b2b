package io.keepalived4j.vrrp.codec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP advertisement (RFC 3768 section 5.1 for version 2, RFC 5798 section 5.1 for version 3).
 *
 * @param version        2 or 3
 * @param type           1 (advertisement, the only type)
 * @param vrid           virtual router id, 1..255
 * @param priority       0..255 (0: the master is stopping; 255: address owner)
 * @param authType       v2 only: 0 none, 1 simple text password, 2 AH; 0 for v3
 * @param advertInterval the wire field: seconds for v2, centiseconds (12 bits) for v3
 * @param checksum       the checksum field as sent or received
 * @param addresses      the virtual addresses, all of one family
 * @param authData       v2/IPv4 only: 8 bytes (the password, zero-padded); empty for v3
 */
public record VrrpPacket(int version, int type, int vrid, int priority, int authType, int advertInterval,
                         int checksum, List<InetAddress> addresses, byte[] authData) {

    public static final int PROTOCOL = 112;
    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int AUTH_NONE = 0;
    public static final int AUTH_PASS = 1;
    public static final int AUTH_AH = 2;
    static final int AUTH_DATA_LENGTH = 8;

    public VrrpPacket {
        addresses = List.copyOf(addresses);
        authData = authData == null ? new byte[0] : authData.clone();
    }

    /** A version 2 advertisement; the password is truncated or zero-padded to 8 bytes. */
    public static VrrpPacket v2(int vrid, int priority, int authType, int intervalSeconds, List<InetAddress> addresses,
                                byte[] password) {
        byte[] auth = Arrays.copyOf(password == null ? new byte[0] : password, AUTH_DATA_LENGTH);
        return new VrrpPacket(2, TYPE_ADVERTISEMENT, vrid, priority, authType, intervalSeconds, 0, addresses, auth);
    }

    /** A version 3 advertisement. */
    public static VrrpPacket v3(int vrid, int priority, int intervalCentis, List<InetAddress> addresses) {
        return new VrrpPacket(3, TYPE_ADVERTISEMENT, vrid, priority, 0, intervalCentis, 0, addresses, new byte[0]);
    }

    /** The advertisement interval in centiseconds, whatever the version. */
    public int advertIntervalCentis() {
        return version == 2 ? advertInterval * 100 : advertInterval;
    }

    public boolean isIpv6() {
        return !addresses.isEmpty() && addresses.getFirst() instanceof Inet6Address;
    }

    /** The same packet with another checksum field (the encoder fills it in). */
    public VrrpPacket withChecksum(int newChecksum) {
        return new VrrpPacket(version, type, vrid, priority, authType, advertInterval, newChecksum, addresses, authData);
    }

    /** The same packet with another priority (priority 0 on shutdown). */
    public VrrpPacket withPriority(int newPriority) {
        return new VrrpPacket(version, type, vrid, newPriority, authType, advertInterval, checksum, addresses, authData);
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpPacket p && version == p.version && type == p.type && vrid == p.vrid
                && priority == p.priority && authType == p.authType && advertInterval == p.advertInterval
                && checksum == p.checksum && addresses.equals(p.addresses) && Arrays.equals(authData, p.authData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, vrid, priority, advertInterval, checksum, addresses) * 31 + Arrays.hashCode(authData);
    }

    @Override
    public String toString() {
        return "VRRPv" + version + " vrid " + vrid + " prio " + priority + " intvl " + advertInterval
                + (version == 2 ? "s auth " + authType : "cs") + " addrs " + addresses;
    }
}
