package io.keepalived4j.vrrp.codec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every VRRP frame of every keepalived 2.2.7 capture (shared/keepalived/captures, shared/lab)
 * decodes with a valid checksum, and encoding the decoded fields reproduces its VRRP bytes.
 */
class CaptureRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {"v2", "v3", "uni", "np", "m2", "m3", "pw", "vr", "vrrp-v2", "vrrp-v3", "vrrp-v3-ipv6"})
    void everyAdvertDecodesAndReencodesExactly(String capture) throws IOException {
        List<byte[]> frames = Pcap.frames("/vrrp/" + capture + ".pcap");
        int adverts = 0;
        for (byte[] frame : frames) {
            if (!(VrrpDecoder.ethernet(frame, false) instanceof DecodeResult.Decoded d)) {
                continue;   // ARP, NA, router solicitations: not VRRP
            }
            adverts++;
            VrrpPacket p = d.packet();
            assertThat(d.checksumOk()).as(capture + " " + p).isTrue();
            assertThat(d.ttl()).as("keepalived sends with TTL/hop limit 255").isEqualTo(255);
            assertThat(p.type()).isEqualTo(VrrpPacket.TYPE_ADVERTISEMENT);
            assertThat(p.vrid()).isBetween(1, 255);
            byte[] encoded = VrrpEncoder.encode(p, d.source(), d.destination(), false);
            int start = 14 + (p.isIpv6() ? 40 : 20);
            assertThat(encoded).as(capture + " " + p).isEqualTo(Arrays.copyOfRange(frame, start, start + encoded.length));
        }
        assertThat(adverts).as("adverts in " + capture).isGreaterThan(0);
    }
}
