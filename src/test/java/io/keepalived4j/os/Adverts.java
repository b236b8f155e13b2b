package io.keepalived4j.os;

import io.keepalived4j.vrrp.codec.VrrpEncoder;
import io.keepalived4j.vrrp.codec.VrrpPacket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** VRRP messages for the socket tests, built by the project's encoder. */
final class Adverts {

    static final InetAddress VIP4 = InetAddress.ofLiteral("10.79.0.100");
    static final InetAddress VIP6 = InetAddress.ofLiteral("fd00:79::100");

    private Adverts() {
    }

    static final byte[] PASSWORD = "secret12".getBytes(StandardCharsets.US_ASCII);

    static byte[] v2(int vrid, int priority, InetAddress src, InetAddress dst) {
        return v2(vrid, priority, VIP4, src, dst);
    }

    /** VRRPv2, 1 s interval, auth PASS "secret12". */
    static byte[] v2(int vrid, int priority, InetAddress vip, InetAddress src, InetAddress dst) {
        VrrpPacket p = VrrpPacket.v2(vrid, priority, VrrpPacket.AUTH_PASS, 1, List.of(vip), PASSWORD);
        return VrrpEncoder.encode(p, src, dst, false);
    }

    static byte[] v3(int vrid, int priority, InetAddress src, InetAddress dst) {
        InetAddress vip = src.getAddress().length == 16 ? VIP6 : VIP4;
        return VrrpEncoder.encode(VrrpPacket.v3(vrid, priority, 100, List.of(vip)), src, dst, false);
    }
}
