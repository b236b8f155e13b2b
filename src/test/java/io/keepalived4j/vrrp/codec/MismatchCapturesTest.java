package io.keepalived4j.vrrp.codec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The captures of mismatched keepalived 2.2.7 pairs (both nodes became master): each side's
 * adverts are rejected by the other side's expectations for the reason keepalived logged. The
 * expectations are those of captures/NAME/nodeA.conf (priority 150) and nodeB.conf (priority 100).
 */
class MismatchCapturesTest {

    private static List<DecodeResult.Decoded> adverts(String capture) throws IOException {
        List<DecodeResult.Decoded> out = new ArrayList<>();
        for (byte[] f : Pcap.frames("/vrrp/" + capture + ".pcap")) {
            if (VrrpDecoder.ethernet(f, false) instanceof DecodeResult.Decoded d) {
                out.add(d);
            }
        }
        return out;
    }

    private static AdvertValidator.Expectations node(int version, String password, int intervalSeconds, String vip)
            throws IOException {
        return new AdvertValidator.Expectations(60, version, password == null ? 0 : 1,
                password == null ? null : password.getBytes(StandardCharsets.US_ASCII), intervalSeconds * 100,
                List.of(InetAddress.getByName(vip)), true);
    }

    /** Adverts from A (priority 150) checked by B, and from B (priority 100) checked by A. */
    private static void assertEachSideRejects(String capture, AdvertValidator.Expectations a,
                                              AdvertValidator.Expectations b, RejectReason reason) throws IOException {
        List<DecodeResult.Decoded> all = adverts(capture);
        assertThat(all).isNotEmpty();
        int fromA = 0;
        int fromB = 0;
        for (DecodeResult.Decoded d : all) {
            int prio = d.packet().priority();
            if (prio == 150) {
                fromA++;
                assertThat(AdvertValidator.check(d, b)).as(capture + " A->B " + d.packet()).isEqualTo(Optional.of(reason));
                assertThat(AdvertValidator.check(d, a)).as("A accepts its own kind").isEmpty();
            } else if (prio == 100) {
                fromB++;
                assertThat(AdvertValidator.check(d, a)).as(capture + " B->A " + d.packet()).isEqualTo(Optional.of(reason));
            }
        }
        assertThat(fromA + fromB).isPositive();
    }

    @Test
    void v2AdvertIntervalMismatchIsDropped() throws IOException {
        assertEachSideRejects("m2", node(2, null, 2, "10.0.0.100"), node(2, null, 1, "10.0.0.200"),
                RejectReason.ADVERT_INTERVAL_MISMATCH);
        assertThat(RejectReason.ADVERT_INTERVAL_MISMATCH.drops()).isTrue();
    }

    @Test
    void v3AddressListMismatchIsRejectedAsKeepalived227Does() throws IOException {
        // v3 tolerates the interval difference (2 s vs 1 s); 2.2.7 then rejects the different VIP.
        assertEachSideRejects("m3", node(3, null, 2, "10.0.0.100"), node(3, null, 1, "10.0.0.200"),
                RejectReason.ADDRESS_LIST_MISMATCH);
    }

    @Test
    void passwordMismatch() throws IOException {
        assertEachSideRejects("pw", node(2, "aaaa", 1, "10.0.0.100"), node(2, "bbbb", 1, "10.0.0.100"),
                RejectReason.PASSWORD_MISMATCH);
    }

    @Test
    void versionMismatch() throws IOException {
        assertEachSideRejects("vr", node(3, null, 1, "10.0.0.100"), node(2, null, 1, "10.0.0.100"),
                RejectReason.VERSION_MISMATCH);
    }
}
